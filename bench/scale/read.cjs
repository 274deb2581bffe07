// The physical floor: reads the bytes of the given files (64 KiB chunks), nothing else.
const fs = require('node:fs');
(async () => {
  let bytes = 0;
  for (const f of process.argv.slice(2)) {
    for await (const chunk of fs.createReadStream(f, { highWaterMark: 1 << 16 })) bytes += chunk.length;
  }
  process.stdout.write(JSON.stringify({ bytes }) + '\n');
})();
