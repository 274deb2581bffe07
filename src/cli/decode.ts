// Placeholder until the 'decode' command lands (owned by its feature's issue).
import type { CliCommand } from './args';

const command: CliCommand = {
  usage: 'iapt decode: not available yet',
  options: [],
  async run(_args, io) {
    io.stderr.write('iapt decode: not available yet\n');
    return 2;
  },
};
export default command;
