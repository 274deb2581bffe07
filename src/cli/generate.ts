// Placeholder until the 'generate' command lands (owned by its feature's issue).
import type { CliCommand } from './args';

const command: CliCommand = {
  usage: 'iapt generate: not available yet',
  options: [],
  async run(_args, io) {
    io.stderr.write('iapt generate: not available yet\n');
    return 2;
  },
};
export default command;
