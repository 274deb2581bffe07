// Linked-tables index: builds the workspace index on a generated NHS extract (default 180 000 referrals, ~480 MB,
// written under the OS temp folder and removed afterwards) and, as the ceiling in the same run, streams the same files
// through papaparse alone. Prints one JSON object: MB/s of both and their ratio, peak RSS, index bytes per record
// (typed arrays, and heap growth incl. interned keys), ID search (quick-pick filtering) and pathway lookup p95,
// and the time to build a pathway's tree view (rows re-read from disk and decoded).
// Size: LINKING_BENCH_REFERRALS (default 180000); LINKING_BENCH_DIR reuses an extract already generated there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import Papa from 'papaparse';
import { buildView, LinkIndex, type IdMatch } from '../src/core/linking';
import { listTableFiles } from '../src/core/outcomes/discover';
import { generateExtract } from '../src/core/synth';

const REFERRALS = Number(process.env.LINKING_BENCH_REFERRALS ?? 180_000);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** process CPU time (ms): on a shared machine a fairer comparison than wall time */
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

async function papaparseAll(files: string[]): Promise<number> {
  let rows = 0;
  for (const file of files) {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(fs.createReadStream(file, { highWaterMark: 64 * 1024 }) as unknown as File, {
        chunk: (r) => { rows += r.data.length; },
        complete: () => resolve(),
        error: (e: Error) => reject(e),
      });
    });
  }
  return rows;
}

async function main() {
  const own = !process.env.LINKING_BENCH_DIR;
  const dir = process.env.LINKING_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-linking-bench-'));
  try {
    if (own) await generateExtract({ out: dir, referrals: REFERRALS, seed: 'bench', layout: 'nhs', defects: 0, corruptDerived: 0 });
    const files = listTableFiles([dir]).files;
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const mb = bytes / 1e6;

    // ceiling: papaparse streaming the same files alone (warm page cache for both: the files were just read/written)
    await papaparseAll(files.slice(0, 1));
    let t = performance.now();
    let c = cpu();
    const papaRows = await papaparseAll(files);
    const papaSeconds = (performance.now() - t) / 1000;
    const papaCpu = cpu() - c;

    await LinkIndex.build(files.slice(0, 2)); // warm-up (dictionary load, JIT), as papaparse's above
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    t = performance.now();
    c = cpu();
    const index = await LinkIndex.build(files);
    const indexSeconds = (performance.now() - t) / 1000;
    const indexCpu = cpu() - c;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const external = process.memoryUsage().arrayBuffers;
    const stats = index.stats();

    // quick-pick filtering: prefixes of random IDs, 1 to 9 characters typed
    const all = index.search('', 1e9).matches;
    const pathways = all.filter((m) => m.kind === 'pathway');
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const searchMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = all[rand(all.length)].id;
      const prefix = id.slice(0, 1 + (i % 9) + Math.max(0, id.length - 10));
      const s = performance.now();
      index.search(prefix, 200);
      searchMs.push(performance.now() - s);
    }
    // pathway lookup: exact find, then its records re-read from disk
    const findMs: number[] = []; const readMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = pathways[rand(pathways.length)].id;
      let s = performance.now();
      const [m] = index.find(id);
      findMs.push(performance.now() - s);
      s = performance.now();
      await index.readMatch(m);
      readMs.push(performance.now() - s);
    }
    // tree expansion: the view (rows re-read, decoded, summarised, verdict) of the pathways with the most rows
    const biggest = [...pathways].sort((a, b) => b.count - a.count).slice(0, 20);
    const viewMs: number[] = [];
    for (const m of biggest) {
      const s = performance.now();
      await buildView(index, m as IdMatch);
      viewMs.push(performance.now() - s);
    }

    process.stdout.write(`${JSON.stringify({
      referrals: REFERRALS,
      files: files.length,
      mb: round(mb),
      records: stats.records,
      papaparse_rows: papaRows,
      papaparse_mb_per_s: round(mb / papaSeconds),
      index_mb_per_s: round(mb / indexSeconds),
      index_vs_papaparse: round(papaSeconds / indexSeconds, 2),
      index_vs_papaparse_cpu: round(papaCpu / indexCpu, 2),
      index_seconds: round(indexSeconds, 2),
      index_peak_rss_mb: Math.round(peak / 2 ** 20),
      index_array_bytes_per_record: round(stats.arrayBytes / stats.records),
      index_heap_bytes_per_record: round((heapAfter - heapBefore) / stats.records),
      index_array_buffers_mb: Math.round(external / 2 ** 20),
      pathways: stats.pathways,
      participants: stats.participants,
      unlinked: stats.unlinked,
      search_p95_ms: round(p95(searchMs), 2),
      find_p95_ms: round(p95(findMs), 2),
      read_pathway_p95_ms: round(p95(readMs), 2),
      view_rows_largest_pathway: biggest[0]?.count ?? 0,
      view_p95_ms_top20_pathways: round(p95(viewMs), 1),
    })}\n`);
  } finally {
    if (own) fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
