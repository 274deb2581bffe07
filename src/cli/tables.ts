// Placeholder until the 'tables' command lands (owned by its feature's issue).
import type { CliCommand } from './args';

const command: CliCommand = {
  usage: 'iapt tables: not available yet',
  options: [],
  async run(_args, io) {
    io.stderr.write('iapt tables: not available yet\n');
    return 2;
  },
};
export default command;
