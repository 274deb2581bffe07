import { validateFiles } from './src/core/validation/engine';
import { listTableFiles } from './src/core/outcomes/discover';
import * as fs from 'node:fs';
(async () => {
  const dir = process.argv[2];
  const { files } = listTableFiles([dir]);
  const out: any[] = [];
  const run = await validateFiles(files, (f) => out.push(f), { displayName: (p) => p.slice(dir.length + 1) });
  console.log(JSON.stringify(run.counts), run.files.map((f) => `${f.file}:${f.rulesApplied}:${f.findings}`).join(' '));
  const by: Record<string, number> = {};
  for (const f of out) by[f.rule] = (by[f.rule] ?? 0) + 1;
  console.log(by);
  if (fs.existsSync(`${dir}/manifest.json`)) {
    const m = JSON.parse(fs.readFileSync(`${dir}/manifest.json`, 'utf8'));
    let hit = 0; const miss: any[] = [];
    for (const d of m.defects) {
      const ok = out.some((f) => f.file === d.file && f.line === d.line && (f.column === d.column || ['duplicate_row', 'orphan_row', 'ragged_row'].includes(d.kind)));
      if (ok) hit++; else miss.push(d);
    }
    console.log('recall', hit, '/', m.defects.length);
    for (const d of miss.slice(0, 20)) console.log('MISS', JSON.stringify(d), JSON.stringify(out.filter((f) => f.file === d.file && f.line === d.line)));
  }
  for (const r of Object.keys(by)) console.log(JSON.stringify(out.find((f) => f.rule === r)));
})();
