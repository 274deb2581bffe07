import { listTableFiles } from '/work/i10/src/core/outcomes/discover';
import { validateFiles } from '/work/i10/src/core/validation';
(async () => {
  const files = listTableFiles(['/tmp/i10/b3k']).files;
  const t = Date.now();
  await validateFiles(files, () => undefined, { selection: { groupsOff: process.argv[2] ? process.argv[2].split(',') : [] } });
  console.log(process.argv[2], Date.now() - t);
})();
