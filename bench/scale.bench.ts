// National scale: on generated extracts (18 k and 180 k referrals in both layouts; 1.8 M with --national or
// IAPT_BENCH_NATIONAL=1), wall time, CPU time, throughput and peak RSS of: reading the bytes (the floor),
// papaparse streaming (the parser ceiling), `iapt tables`, `iapt outcomes`, and DuckDB running the emitted SQL
// (`iapt outcomes --emit-sql duckdb`) on the same CSV files; checks both give identical per-pathway columns
// (DuckDB is skipped above IAPT_BENCH_DUCKDB_MAX referrals, default 1 M: it would need more than this machine's memory).
// Each step runs in its own process (peak RSS = getrusage maxRSS of that process, incl. native memory).
// Extracts are generated once into $IAPT_BENCH_DIR (default <tmp>/iapt-bench-extracts) and reused; never committed.
// Prints one JSON object (last line of stdout); a Markdown table for the README goes to stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';

const root = path.resolve(__dirname, '..');
const BASE = process.env.IAPT_BENCH_DIR ?? path.join(os.tmpdir(), 'iapt-bench-extracts');
const national = process.env.IAPT_BENCH_NATIONAL === '1';
const SIZES = (process.env.IAPT_BENCH_SIZES ?? (national ? '18000,180000,1800000' : '18000,180000')).split(',').map(Number);
const LAYOUTS = (process.env.IAPT_BENCH_LAYOUTS ?? 'nhs,ukllc').split(',') as ('nhs' | 'ukllc')[];
/** DuckDB's run of the SQL buffers its joins (3 GB at 180 k NHS): above this many referrals it is skipped */
const DUCKDB_MAX = Number(process.env.IAPT_BENCH_DUCKDB_MAX ?? 1_000_000);
const OUTCOME_FILES: Record<string, RegExp> = {
  nhs: /^IDS(101|201|202|603|606|607)\.csv$/,
  ukllc: /^IAPT_(demographics_and_referral|care_activities|mental_and_physical_health_conditions|coded_scored_assessments)\.csv$/,
};

interface Step { wall_s: number; cpu_s: number; peak_rss_mb: number; mb_per_s: number; rows_per_s: number; error?: string }

function cli(): string {
  execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(root, 'dist', 'cli.js');
}

function ensureExtract(cliJs: string, layout: string, referrals: number): string {
  const dir = path.join(BASE, `${layout}-${referrals / 1000}k`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const head = Buffer.alloc(2000);
    const fd = fs.openSync(manifest, 'r');
    fs.readSync(fd, head, 0, 2000, 0);
    fs.closeSync(fd);
    const text = head.toString('utf8');
    if (text.includes(`"referrals": ${referrals},`) && text.includes(`"layout": "${layout}"`)) return dir;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`generating ${layout} ${referrals} referrals into ${dir}…\n`);
  execFileSync(process.execPath, [cliJs, 'generate', '--out', dir, '--referrals', String(referrals), '--seed', 'bench', '--layout', layout], { stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

function timed(args: string[], bytes: number, rows: number): Step & { stdout: string } {
  const usageFile = path.join(os.tmpdir(), `iapt-bench-usage-${process.pid}.json`);
  fs.rmSync(usageFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/scale/usage.cjs'), ...args], {
    cwd: root, env: { ...process.env, IAPT_BENCH_USAGE: usageFile }, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wall = (performance.now() - t0) / 1000;
  const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : { cpu_s: NaN, peak_rss_mb: NaN };
  fs.rmSync(usageFile, { force: true });
  const step: Step & { stdout: string } = {
    wall_s: round(wall, 2), cpu_s: round(usage.cpu_s, 2), peak_rss_mb: usage.peak_rss_mb,
    mb_per_s: round(bytes / 1e6 / wall, 1), rows_per_s: Math.round(rows / wall), stdout: r.stdout,
  };
  if (r.status !== 0) step.error = `exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`;
  return step;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function readCsv(file: string): Map<string, string[]> {
  const rows = Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
  return new Map(rows.slice(1).map((r) => [r[0], r]));
}

/** per-pathway comparison of the two CSVs: pathways in one only, and rows differing in any column */
function compare(engineCsv: string, duckCsv: string): { pathways: number; identical: boolean; mismatched_rows: number; example?: string } {
  const a = readCsv(engineCsv); const b = readCsv(duckCsv);
  let mismatched = 0; let example: string | undefined;
  for (const [id, row] of a) {
    const other = b.get(id);
    if (!other || other.join(',') !== row.join(',')) { mismatched++; example ??= `${row.join(',')} vs ${other?.join(',') ?? 'missing'}`; }
  }
  for (const id of b.keys()) if (!a.has(id)) { mismatched++; example ??= `${id} only in DuckDB`; }
  return { pathways: a.size, identical: mismatched === 0, mismatched_rows: mismatched, ...(example ? { example } : {}) };
}

function main(): void {
  const cliJs = cli();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-bench-scale-'));
  const results: Record<string, unknown> = { sizes: SIZES, layouts: LAYOUTS, duckdb_threads: os.cpus().length };
  const table: string[] = [];
  try {
    for (const referrals of SIZES) {
      for (const layout of LAYOUTS) {
        const dir = ensureExtract(cliJs, layout, referrals);
        const files = fs.readdirSync(dir).filter((f) => OUTCOME_FILES[layout].test(f)).sort().map((f) => path.join(dir, f));
        const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
        const key = `${layout}_${referrals / 1000}k`;
        process.stderr.write(`${key}: ${(bytes / 1e6).toFixed(0)} MB in ${files.length} outcome tables\n`);
        const pp = timed([path.join(root, 'bench/scale/papaparse.cjs'), ...files], bytes, 0);
        const rows = pp.error ? 0 : JSON.parse(pp.stdout.trim().split('\n').pop()!).rows as number;
        pp.rows_per_s = Math.round(rows / pp.wall_s);
        const read = timed([path.join(root, 'bench/scale/read.cjs'), ...files], bytes, rows);
        const tables = timed([cliJs, 'tables', ...files], bytes, rows);
        const engineCsv = path.join(work, `${key}-engine.csv`);
        const outcomes = timed([cliJs, 'outcomes', ...files, '--out', engineCsv], bytes, rows);
        const sqlFile = path.join(work, `${layout}.sql`);
        execFileSync(process.execPath, [cliJs, 'outcomes', '--emit-sql', 'duckdb', '--layout', layout, '--out', sqlFile]);
        const duckCsv = path.join(work, `${key}-duckdb.csv`);
        const skipped = referrals > DUCKDB_MAX;
        const duck = skipped ? { wall_s: NaN, cpu_s: NaN, peak_rss_mb: NaN, mb_per_s: NaN, rows_per_s: NaN, stdout: '', error: `skipped above ${DUCKDB_MAX} referrals (IAPT_BENCH_DUCKDB_MAX)` }
          : timed([path.join(root, 'bench/scale/duckdb.cjs'), dir, sqlFile, duckCsv], bytes, rows);
        const same = outcomes.error || duck.error ? { identical: false, note: 'not compared (a step failed or was skipped)' } : compare(engineCsv, duckCsv);
        const strip = ({ stdout: _s, ...s }: Step & { stdout: string }) => s;
        results[key] = {
          referrals, mb: round(bytes / 1e6, 1), rows,
          read_bytes: strip(read), papaparse: strip(pp), iapt_tables: strip(tables), iapt_outcomes: strip(outcomes), duckdb_sql: strip(duck),
          outcomes_vs_duckdb: {
            wall_ratio: round(outcomes.wall_s / duck.wall_s, 2), cpu_ratio: round(outcomes.cpu_s / duck.cpu_s, 2),
            rss_ratio: round(outcomes.peak_rss_mb / duck.peak_rss_mb, 2), ...same,
          },
        };
        const cell = (s: Step) => (s.error ? (s.error.startsWith('skipped') ? 'skipped' : 'failed') : `${s.wall_s} s · ${s.mb_per_s} MB/s · ${s.peak_rss_mb} MB`);
        table.push(`| ${layout} ${referrals / 1000}k | ${round(bytes / 1e6, 0)} MB / ${(rows / 1e6).toFixed(1)} M rows | ${cell(read)} | ${cell(pp)} | ${cell(tables)} | ${cell(outcomes)} | ${cell(duck)} | ${skipped ? '—' : `${round(outcomes.wall_s / duck.wall_s, 2)}× / ${round(outcomes.peak_rss_mb / duck.peak_rss_mb, 2)}×`} | ${skipped ? '—' : same.identical ? 'yes' : 'NO'} |`);
        for (const f of [engineCsv, duckCsv]) fs.rmSync(f, { force: true });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(['', '| extract | outcome tables | read bytes | papaparse | iapt tables | iapt outcomes | DuckDB SQL | outcomes ÷ DuckDB (wall / RSS) | identical |',
    '|---|---|---|---|---|---|---|---|---|', ...table, ''].join('\n'));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
main();
