// Synthetic extract generation speed: writes SYNTH_BENCH_REFERRALS referrals (default 20,000) in each layout
// to a temporary folder and prints one JSON object { nhs: {...}, ukllc: {...}, peak_rss_mb }.
//
// RECORDED below: runs of the CLI at scale (`/usr/bin/time -v node --import tsx src/cli/main.ts generate
// --referrals N --seed 1 [--layout ukllc]`) on a 2-core / 24 GB machine shared with other jobs (load average
// about 12, so the process got 19-26% of a CPU: wall times are pessimistic, CPU seconds are the better figure).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateExtract } from '../src/core/synth';

export const RECORDED = {
  date: '2026-11-25',
  nhs_180k: { referrals: 180_000, rows: 6_915_239, mb: 481.8, wall_s: 172.9, cpu_s: 34.5, rows_per_wall_s: 41_036, mb_per_wall_s: 2.9, rows_per_cpu_s: 200_000, peak_rss_mb: 183 },
  nhs_1800k: { referrals: 1_800_000, rows: 69_495_762, mb: 4837.3, wall_s: 730.3, cpu_s: 322.9, rows_per_wall_s: 95_754, mb_per_wall_s: 6.7, rows_per_cpu_s: 215_000, peak_rss_mb: 210, note: 'about 8.4 M care contacts and 45 M IDS607 score rows; output deleted after the run' },
  ukllc_1800k: { referrals: 1_800_000, rows: 132_423_583, mb: 13507.8, wall_s: 1219.7, cpu_s: 578.9, rows_per_wall_s: 108_858, mb_per_wall_s: 11.1, rows_per_cpu_s: 229_000, peak_rss_mb: 192, note: 'output deleted after the run' },
  ukllc_180k: { referrals: 180_000, rows: 13_178_648, mb: 1344.5, wall_s: 224.6, cpu_s: 60.5, rows_per_wall_s: 59_872, mb_per_wall_s: 6.1, rows_per_cpu_s: 218_000, peak_rss_mb: 193 },
};

async function run(layout: 'nhs' | 'ukllc', referrals: number) {
  const dir = mkdtempSync(join(tmpdir(), 'iapt-synth-bench-'));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await generateExtract({ out: dir, referrals, seed: 'bench', layout });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      referrals: r.referrals,
      rows: r.rows,
      mb: +(r.bytes / 1e6).toFixed(1),
      wall_s: +seconds.toFixed(2),
      cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      rows_per_s: Math.round(r.rows / seconds),
      mb_per_s: +(r.bytes / 1e6 / seconds).toFixed(1),
      referrals_per_s: Math.round(r.referrals / seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const referrals = Number(process.env.SYNTH_BENCH_REFERRALS ?? 20_000);
  const nhs = await run('nhs', referrals);
  const ukllc = await run('ukllc', referrals);
  const peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ nhs, ukllc, peak_rss_mb, recorded: RECORDED }) + '\n');
}

main().catch((err) => { process.stderr.write(String(err) + '\n'); process.exitCode = 1; });
