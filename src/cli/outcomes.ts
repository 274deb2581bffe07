// Placeholder until the 'outcomes' command lands (owned by its feature's issue).
import type { CliCommand } from './args';

const command: CliCommand = {
  usage: 'iapt outcomes: not available yet',
  options: [],
  async run(_args, io) {
    io.stderr.write('iapt outcomes: not available yet\n');
    return 2;
  },
};
export default command;
