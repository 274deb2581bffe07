// CSV reading speed: streams a generated IAPT-like file of a few hundred MB, and parses a ~100 MB text.
// Prints one JSON object: { csv_stream_mb_per_s (batches, wall clock), csv_stream_cpu_mb_per_s (batches, per CPU
// second of the process: steadier on a loaded machine), csv_stream_records_mb_per_s (record by record),
// csv_text_mb_per_s (parseCsvText with offsets, keeping ~1M records), papaparse_text_mb_per_s (reference: the same
// text, no positions), baseline_charcode_scan_mb_per_s (bare loop, the machine's speed), csv_index_mb_per_s
// (buildCsvIndex on the same text: record starts, problems, no values; median of 3), csv_index_async_mb_per_s
// (buildCsvIndexAsync, yielding every 2M chars), csv_index_cold_mb_per_s (its first run), csv_index_peak_extra_mb
// (heap + array buffers above the level before the build, sampled between slices), csv_index_bytes_per_record,
// csv_index_cell_us (cellAt at random offsets), ... }.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { buildCsvIndex, buildCsvIndexAsync, cellAt, formatCsvRow, openCsvFile, parseCsvText } from '../src/core/csv';

const STREAM_MB = Number(process.env.CSV_BENCH_MB ?? 300);
const TEXT_MB = Math.min(100, STREAM_MB);

const header = ['cohortkey_e', 'pathwayid', 'extract_start_date', 'extract_end_date', 'careactdate', 'careconttime',
  'codedasstooltype', 'persscore', 'endcode', 'sourceofreferraliapt', 'ethniccategory', 'gendersamegenderatbirth',
  'consmechanism', 'attendornot', 'carecontsubj', 'note'];

function row(i: number): string[] {
  return [
    `C${(i * 7919) % 1_000_003}`, `P${i >> 3}`, '2023-04-01', '2024-03-31', `2023-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    '09:30:00', i % 3 === 0 ? '720433000' : '836521000000107', String(i % 28), String(10 + (i % 40)), 'A1', 'B', '1',
    '01', '5', '02', i % 10 === 0 ? 'free text, with "quotes"\nand a line break' : '',
  ];
}

async function writeFile(file: string, mb: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let i = 0;
  const target = mb * 1024 * 1024;
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write(formatCsvRow(header) + '\r\n');
  while (bytes < target) {
    let block = '';
    for (let k = 0; k < 2000; k++) block += formatCsvRow(row(i++)) + '\r\n';
    bytes += Buffer.byteLength(block);
    await write(block);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return fs.statSync(file).size;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-csv-bench-'));
  try {
    const file = path.join(dir, 'big.csv');
    const size = await writeFile(file, STREAM_MB);
    const mb = size / (1024 * 1024);
    let peakRss = 0;
    const sample = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

    let t = performance.now();
    const cpu0 = process.cpuUsage();
    let f = await openCsvFile(file);
    let n = 0;
    for await (const batch of f.batches) n += batch.length;
    const batchSecs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const batchCpuSecs = (cpu.user + cpu.system) / 1e6;
    if (f.problemCount !== 0) throw new Error(`unexpected problems: ${JSON.stringify(f.problems.slice(0, 3))}`);

    t = performance.now();
    f = await openCsvFile(file);
    let m = 0;
    for await (const _ of f.records) m++;
    const recordSecs = (performance.now() - t) / 1000;
    if (m !== n) throw new Error('records and batches disagree');
    clearInterval(sample);

    const text = fs.readFileSync(file, 'utf8').slice(0, TEXT_MB * 1024 * 1024);
    const textMb = Buffer.byteLength(text) / (1024 * 1024);
    let textSecs: number;
    let textRecords: number;
    let textProblems: number;
    let papaSecs: number;
    let papaRows: number;
    {
      t = performance.now();
      const parsed = parseCsvText(text, { delimiter: ',' });
      textSecs = (performance.now() - t) / 1000;
      textRecords = parsed.records.length;
      textProblems = parsed.problemCount;
    }
    {
      // reference: papaparse on the same text (no positions), in the same conditions
      t = performance.now();
      const papa = Papa.parse<string[]>(text, { delimiter: ',' });
      papaSecs = (performance.now() - t) / 1000;
      papaRows = papa.data.length;
    }
    const index = await benchIndex(text, textMb, textRecords, textProblems);

    // machine baseline: a bare charCodeAt pass over the same text (no fields, no allocation), to compare runs
    // made on machines of different speed or load
    t = performance.now();
    let commas = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) commas++;
    const baseSecs = (performance.now() - t) / 1000;

    const round = (x: number) => Math.round(x * 10) / 10;
    process.stdout.write(JSON.stringify({
      csv_stream_mb_per_s: round(mb / batchSecs),
      csv_stream_cpu_mb_per_s: round(mb / batchCpuSecs),
      csv_stream_records_mb_per_s: round(mb / recordSecs),
      csv_text_mb_per_s: round(textMb / textSecs),
      papaparse_text_mb_per_s: round(textMb / papaSecs),
      baseline_charcode_scan_mb_per_s: round(textMb / baseSecs),
      baseline_commas: commas,
      stream_file_mb: round(mb),
      stream_records: n,
      text_records: textRecords,
      papaparse_rows: papaRows,
      stream_peak_rss_mb: round(peakRss / (1024 * 1024)),
      csv_index_mb_per_s: round(index.syncMbPerS),
      csv_index_async_mb_per_s: round(index.asyncMbPerS),
      csv_index_cold_mb_per_s: round(index.coldMbPerS),
      csv_index_peak_extra_mb: round(index.peakExtraMb),
      csv_index_bytes_per_record: round(index.bytesPerRecord),
      csv_index_cell_us: round(index.cellUs),
    }) + '\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The document index on the same text: build speed (sync and in slices), memory, cell lookup. */
async function benchIndex(text: string, textMb: number, expectedRecords: number, expectedProblems: number) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sync: number[] = [];
  const slices: number[] = [];
  let peakExtra = 0;
  let bytesPerRecord = 0;
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    const index = buildCsvIndex(text, { delimiter: ',' });
    sync.push(textMb / ((performance.now() - t) / 1000));
    if (index.recordCount !== expectedRecords || index.problemCount !== expectedProblems) {
      throw new Error(`index and parse disagree: ${index.recordCount} records, ${index.problemCount} problems`);
    }
    bytesPerRecord = index.indexBytes / index.recordCount;

    const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    const before = used();
    let peak = before;
    let sampling = true;
    const sample = (): void => { peak = Math.max(peak, used()); if (sampling) setImmediate(sample); };
    setImmediate(sample);
    t = performance.now();
    const built = await buildCsvIndexAsync(text, { delimiter: ',' });
    slices.push(textMb / ((performance.now() - t) / 1000));
    sampling = false;
    peak = Math.max(peak, used());
    peakExtra = Math.max(peakExtra, (peak - before) / (1024 * 1024));
    if (built.recordCount !== expectedRecords) throw new Error('async index disagrees');
  }
  const index = buildCsvIndex(text, { delimiter: ',' });
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lookups = 2000;
  const t = performance.now();
  let found = 0;
  for (let k = 0; k < lookups; k++) if (cellAt(index, text, Math.floor(random() * text.length))) found++;
  const cellUs = ((performance.now() - t) * 1000) / lookups;
  if (found === 0) throw new Error('no cell found');
  return { syncMbPerS: median(sync), asyncMbPerS: median(slices), coldMbPerS: sync[0], peakExtraMb: peakExtra, bytesPerRecord, cellUs };
}

main().catch((err) => { process.stderr.write(`${String(err)}\n`); process.exitCode = 1; });
