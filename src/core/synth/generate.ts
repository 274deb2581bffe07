// `iapt generate` core: a deterministic, streaming synthetic extract in the NHS or UK LLC layout, with
// planted defects and a manifest of ground truth. Memory stays bounded: people are generated one at a time
// and every row, defect and truth entry goes straight to disk.
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { describeErrno, FileWriteError } from '../files';
import { join } from 'node:path';
import { builtinDictionary, type Dictionary } from '../dictionary';
import { DefectPlanter, type DefectEntry } from './defects';
import { Emitter, type Output } from './emit';
import { Prng } from './prng';
import { builtinSynthProfile, type SynthProfile } from './profile';
import { Simulator } from './simulate';
import { CsvSink, TextSink } from './sink';
import { nhsTableSpecs, ukllcTableSpecs } from './tables';

export const GENERATOR_VERSION = '1.1.0';

export interface GenerateOptions {
  out: string;
  referrals: number;
  seed?: string;
  layout?: 'nhs' | 'ukllc';
  /** share of rows given one planted defect (0 = clean) */
  defects?: number;
  /** share of finished pathways whose NHS derived fields carry one wrong value */
  corruptDerived?: number;
  profile?: SynthProfile;
  dictionary?: Dictionary;
  /** called now and then with the number of referrals written */
  onProgress?: (referrals: number) => void;
  /** write into a folder that already holds files (the generator's own file names are replaced) */
  force?: boolean;
}

/** Files the generator writes besides the tables. */
const OWN_FILES = ['manifest.json', '.manifest-defects.tmp', '.manifest-pathways.tmp'];

/**
 * Creates the output folder, or checks that an existing one is empty: a folder holding a real extract is never
 * written into unless `force`, and then only the generator's own file names are replaced (a link in their place
 * is removed, never written through: every file is then created exclusively).
 */
async function prepareOutputFolder(out: string, names: readonly string[], force: boolean): Promise<void> {
  let st;
  try { st = await lstat(out); } catch { st = undefined; }
  if (st && !st.isDirectory()) {
    let target;
    try { target = await stat(out); } catch { target = undefined; }
    if (!target?.isDirectory()) throw new FileWriteError(out, 'not-a-file', 'it exists and is not a folder');
  }
  if (!st) {
    try {
      await mkdir(out, { recursive: true });
    } catch (err) {
      throw new FileWriteError(out, 'write-failed', describeErrno(err), err);
    }
    return;
  }
  const entries = await readdir(out);
  if (entries.length === 0) return;
  if (!force) {
    throw new FileWriteError(out, 'folder-not-empty', `the folder is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); choose an empty or new folder, or pass --force to replace the generator's files in it`);
  }
  for (const name of names) {
    try {
      await unlink(join(out, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileWriteError(join(out, name), 'write-failed', describeErrno(err), err);
    }
  }
}

export interface GeneratedFile { file: string; table: string; layout: 'nhs' | 'ukllc'; rows: number }

export interface GenerateResult {
  files: GeneratedFile[];
  referrals: number;
  people: number;
  rows: number;
  defects: number;
  bytes: number;
}

export const MANIFEST_CONVENTIONS = {
  line: '1-based physical line number in the file; the header is line 1 and no generated field contains a line break',
  column: '1-based field index in the header order of the file',
  pathways: 'one entry per pathway with the generator\'s intended facts (outcome engine per-pathway columns); null = not applicable or unknown; flags are null for pathways that did not finish a course of treatment',
  defects: 'every planted defect; rows not listed are clean. pathway_id names the pathway a damaged row belongs to (for orphan rows: the non-existent pathway, or the real one when the row still carries it)',
  ukllc: 'UK LLC layout: one demographics_and_referral row per pathway per overlapping extract period (extract_start_date, extract_end_date), counts cumulative to the extract end, discharge only from the extract that covers it; event rows repeated in every extract period containing their date, a share of them (profile revisedShare) with a value corrected in the latest extract of the year (score, attendance, contact date); the truth follows the latest extract',
};

export async function generateExtract(options: GenerateOptions): Promise<GenerateResult> {
  const referrals = options.referrals;
  if (!Number.isInteger(referrals) || referrals < 1) throw new Error('--referrals must be a whole number of at least 1');
  const layout = options.layout ?? 'nhs';
  const seed = options.seed ?? '1';
  const defectRate = options.defects ?? 0;
  const corruptRate = options.corruptDerived ?? 0;
  for (const [name, v] of [['--defects', defectRate], ['--corrupt-derived', corruptRate]] as const) {
    if (!(v >= 0 && v <= 1)) throw new Error(`${name} must be a share between 0 and 1`);
  }
  const profile = options.profile ?? builtinSynthProfile();
  const dict = options.dictionary ?? builtinDictionary();
  const specs = layout === 'nhs' ? nhsTableSpecs(dict) : ukllcTableSpecs(dict);
  await prepareOutputFolder(options.out, [...specs.map((s) => s.file), ...OWN_FILES], options.force ?? false);
  // a failed write (full disk, a file planted meanwhile) stops the run with the error; files are closed and the
  // temporary manifest parts removed
  const opened: TextSink[] = [];
  const track = <T extends TextSink>(sink: T): T => { opened.push(sink); return sink; };
  try {
    const outputs: Output[] = specs.map((spec) => ({ spec, sink: track(new CsvSink(join(options.out, spec.file), spec.columns.map((c) => c.header))) }));
    const defectsTmp = track(new JsonArraySink(join(options.out, '.manifest-defects.tmp')));
    const pathwaysTmp = track(new JsonArraySink(join(options.out, '.manifest-pathways.tmp')));
    let defectCount = 0;
    const planter = new DefectPlanter(defectRate, new Prng(`${seed}:defects`), dict, (d: DefectEntry) => { defectCount++; defectsTmp.item(d); });
    const simulator = new Simulator(profile, new Prng(`${seed}:world`));
    const emitter = new Emitter(layout, outputs, profile, dict, planter, corruptRate, new Prng(`${seed}:derived`));

    let written = 0;
    let people = 0;
    const all: TextSink[] = [...outputs.map((o) => o.sink), defectsTmp, pathwaysTmp];
    while (written < referrals) {
      const person = simulator.person(referrals - written);
      people++;
      for (const truth of emitter.person(person)) pathwaysTmp.item(truth);
      written += person.pathways.length;
      if (people % 64 === 0) {
        for (const s of all) await s.settle();
        if (people % 8192 === 0) options.onProgress?.(written);
      }
    }
    if (defectRate > 0) {
      const candidates = outputs.filter((o) => o.sink.rows > 0);
      planter.finish(new Prng(`${seed}:unclosed`).pick(candidates).sink);
    }
    for (const s of all) await s.close();

    const files: GeneratedFile[] = outputs.map((o) => ({ file: o.spec.file, table: o.spec.table, layout, rows: o.sink.rows }));
    const manifest = track(new TextSink(join(options.out, 'manifest.json')));
    const header = {
      generator: {
        name: 'iapt-explorer synthetic extract generator',
        version: GENERATOR_VERSION,
        profile: `data/synth-profile.json version ${profile.version}`,
        args: { referrals, seed, layout, defects: defectRate, corrupt_derived: corruptRate },
      },
      conventions: MANIFEST_CONVENTIONS,
      files,
    };
    const head = JSON.stringify(header, null, 1);
    manifest.write(head.slice(0, head.lastIndexOf('}')).trimEnd() + ',\n "defects": [\n');
    await appendFile(manifest, defectsTmp.path);
    manifest.write('\n ],\n "pathways": [\n');
    await appendFile(manifest, pathwaysTmp.path);
    manifest.write('\n ]\n}\n');
    await manifest.close();
    await rm(defectsTmp.path, { force: true });
    await rm(pathwaysTmp.path, { force: true });

    const rows = outputs.reduce((n, o) => n + o.sink.rows, 0);
    const bytes = outputs.reduce((n, o) => n + o.sink.bytes, 0) + manifest.bytes;
    return { files, referrals: written, people, rows, defects: defectCount, bytes };
  } catch (err) {
    for (const sink of opened) sink.abort();
    for (const name of OWN_FILES.slice(1)) await rm(join(options.out, name), { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Items of a JSON array, one per line, comma-separated (the brackets are written by the manifest). */
class JsonArraySink extends TextSink {
  private first = true;
  item(value: unknown): void {
    this.write((this.first ? '  ' : ',\n  ') + JSON.stringify(value));
    this.first = false;
  }
}

async function appendFile(sink: TextSink, path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    sink.write(chunk as string);
    await sink.settle();
  }
}
