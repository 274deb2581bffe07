// `iapt validate` speed on a generated extract (default 180 000 referrals, NHS layout, clean), with papaparse
// streaming the same files in the same run as the ceiling. Prints one JSON object: MB/s of both, their ratio,
// rows, findings, and the validation's peak RSS (measured in its own child process, like the CLI); also MB per CPU
// second of each (steadier on a shared machine). VALIDATE_BENCH_GROUPS_OFF=derived,... turns rule groups off.
// Extract: VALIDATE_BENCH_DIR (generated there once when missing; default $TMPDIR/iapt-validate-bench-<N>),
// size VALIDATE_BENCH_REFERRALS. Never commit the extract.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { listTableFiles } from '../src/core/outcomes/discover';
import { generateExtract } from '../src/core/synth';
import { validateFiles } from '../src/core/validation';

const REFERRALS = Number(process.env.VALIDATE_BENCH_REFERRALS ?? 180_000);
const DIR = process.env.VALIDATE_BENCH_DIR ?? path.join(os.tmpdir(), `iapt-validate-bench-${REFERRALS}`);

function papaStream(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(fs.createReadStream(file), {
      chunk: (r: Papa.ParseResult<unknown>) => { rows += r.data.length; },
      complete: () => resolve(rows),
      error: (err: Error) => reject(err),
    });
  });
}

/** Child: validate the files, print figures (its own peak RSS included). */
async function child(files: string[]): Promise<void> {
  let findings = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await validateFiles(files, () => { findings++; }, { selection: { maxPerFile: 10_000, groupsOff: process.env.VALIDATE_BENCH_GROUPS_OFF?.split(',') } });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, rows: run.files.reduce((s, f) => s + f.rows, 0), findings, counts: run.counts, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') { await child(process.argv.slice(3)); return; }
  if (!fs.existsSync(path.join(DIR, 'manifest.json'))) {
    await generateExtract({ out: DIR, referrals: REFERRALS, seed: 'bench', layout: 'nhs', defects: 0, corruptDerived: 0 });
  }
  const files = listTableFiles([DIR]).files;
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const mb = bytes / 1e6;

  let t0 = performance.now();
  const papaCpu0 = process.cpuUsage();
  let papaRows = 0;
  for (const f of files) papaRows += await papaStream(f);
  const papaSeconds = (performance.now() - t0) / 1000;
  const papaCpu = process.cpuUsage(papaCpu0);
  const papaCpuSeconds = (papaCpu.user + papaCpu.system) / 1e6;

  t0 = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const v = JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; cpu_seconds: number; rows: number; findings: number; counts: Record<string, number>; peak_rss_mb: number };

  const papaMbs = mb / papaSeconds;
  const validateMbs = mb / v.seconds;
  process.stdout.write(JSON.stringify({
    referrals: REFERRALS,
    files: files.length,
    mb: Math.round(mb * 10) / 10,
    rows: v.rows,
    papaparse_stream_mb_per_s: Math.round(papaMbs * 10) / 10,
    papaparse_rows: papaRows,
    validate_mb_per_s: Math.round(validateMbs * 10) / 10,
    validate_seconds: Math.round(v.seconds * 100) / 100,
    validate_process_seconds: Math.round(wall * 100) / 100,
    validate_vs_papaparse: Math.round((validateMbs / papaMbs) * 100) / 100,
    // per CPU second: steadier than wall clock on a machine shared with other work
    papaparse_cpu_mb_per_s: Math.round((mb / papaCpuSeconds) * 10) / 10,
    validate_cpu_mb_per_s: Math.round((mb / v.cpu_seconds) * 10) / 10,
    validate_vs_papaparse_cpu: Math.round((papaCpuSeconds / v.cpu_seconds) * 100) / 100,
    groups_off: process.env.VALIDATE_BENCH_GROUPS_OFF ?? '',
    validate_peak_rss_mb: v.peak_rss_mb,
    findings: v.findings,
    findings_by_severity: v.counts,
  }) + '\n');
}

void main().catch((err) => { process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`); process.exitCode = 1; });
