// Outcome engine speed: generates an extract (NHS and UK LLC layouts) with the synthetic generator, then runs
// computeOutcomes on it. Prints one JSON object: rows/s and MB/s per layout, pathways, wall time, peak RSS.
// Size: OUTCOMES_BENCH_REFERRALS (default 20000).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeOutcomes, type OutcomeTableInput } from '../src/core/outcomes';
import { listTableFiles, recogniseOutcomeTables } from '../src/core/outcomes/discover';
import { generateExtract } from '../src/core/synth';

const REFERRALS = Number(process.env.OUTCOMES_BENCH_REFERRALS ?? 20_000);

async function one(dir: string, layout: 'nhs' | 'ukllc') {
  await generateExtract({ out: dir, referrals: REFERRALS, seed: 'bench', layout, defects: 0, corruptDerived: 0 });
  const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
  const tables: OutcomeTableInput[] = found.tables;
  const bytes = tables.reduce((n, t) => n + fs.statSync(t.path).size, 0);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  const r = await computeOutcomes(tables);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    [`${layout}_rows`]: r.stats.rowsRead,
    [`${layout}_mb`]: Math.round(bytes / 1e5) / 10,
    [`${layout}_seconds`]: Math.round(seconds * 100) / 100,
    [`${layout}_rows_per_s`]: Math.round(r.stats.rowsRead / seconds),
    [`${layout}_mb_per_s`]: Math.round((bytes / 1e6 / seconds) * 10) / 10,
    [`${layout}_pathways`]: r.pathways.length,
    [`${layout}_finished`]: r.summary.finished,
    [`${layout}_peak_rss_mb`]: Math.round(peak / 2 ** 20),
  };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-outcomes-bench-'));
  try {
    const nhs = await one(path.join(tmp, 'nhs'), 'nhs');
    const ukllc = await one(path.join(tmp, 'ukllc'), 'ukllc');
    process.stdout.write(`${JSON.stringify({ referrals: REFERRALS, ...nhs, ...ukllc })}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
void main();
