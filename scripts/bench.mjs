// `npm run bench`: runs every bench/<area>.bench.ts (each prints one JSON object of figures on stdout)
// and writes them, with the machine and date, to bench/results.json. Benchmarks never assert times.
// `npm run bench -- csv outcomes` runs only those; their figures replace theirs in results.json, the others stay.
// `npm run bench -- --national` adds the 1.8 M-referral extracts to bench/scale.bench.ts (long: tens of minutes).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const env = { ...process.env, ...(args.includes('--national') ? { IAPT_BENCH_NATIONAL: '1' } : {}) };
const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
const resultsFile = join(root, 'bench/results.json');
let previous = {};
try { previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results ?? {} : {}; } catch { previous = {}; }
const results = { ...previous };
let failed = 0;
for (const file of files) {
  const area = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench ${area}…\n`);
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join('bench', file)], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    const lines = out.trim().split('\n');
    results[area] = JSON.parse(lines[lines.length - 1]);
    process.stdout.write(`${area}: ${JSON.stringify(results[area])}\n`);
  } catch (err) {
    failed++;
    results[area] = { error: String(err.message ?? err).split('\n')[0] };
    process.stderr.write(`bench ${area} failed: ${results[area].error}\n`);
  }
}
const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), results };
writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n');
process.stdout.write(`wrote bench/results.json (${files.length} benchmarks, ${failed} failed)\n`);
process.exitCode = failed ? 1 : 0;
