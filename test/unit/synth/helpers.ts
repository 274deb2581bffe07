// Shared helpers for the synth tests: generate an extract into a temporary folder (cached per arguments
// within one test run) and read its tables back with the project's CSV reader.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvText, type ParsedCsv } from '../../../src/core/csv';
import { generateExtract, type DefectEntry, type GenerateOptions, type PathwayTruth } from '../../../src/core/synth';

export interface Manifest {
  generator: { version: string; args: Record<string, unknown> };
  conventions: Record<string, string>;
  files: { file: string; table: string; layout: string; rows: number }[];
  defects: DefectEntry[];
  pathways: PathwayTruth[];
}

export interface Extract {
  dir: string;
  manifest: Manifest;
  table(file: string): ParsedCsv;
  /** records of a file as objects keyed by header name */
  rows(file: string): Record<string, string>[];
}

const cache = new Map<string, Promise<Extract>>();
const dirs: string[] = [];

export function extract(options: Omit<GenerateOptions, 'out'>): Promise<Extract> {
  const key = JSON.stringify(options);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'iapt-synth-'));
      dirs.push(dir);
      await generateExtract({ ...options, out: dir });
      return open(dir);
    })();
    cache.set(key, hit);
  }
  return hit;
}

export function open(dir: string): Extract {
  const parsed = new Map<string, ParsedCsv>();
  const table = (file: string): ParsedCsv => {
    let p = parsed.get(file);
    if (!p) {
      p = parseCsvText(readFileSync(join(dir, file), 'utf8'), { file });
      parsed.set(file, p);
    }
    return p;
  };
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest,
    table,
    rows(file) {
      const p = table(file);
      return p.records.map((r) => Object.fromEntries(p.header.map((h, i) => [h, r.fields[i] ?? ''])));
    },
  };
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  cache.clear();
}

// Whether a code is in a dictionary code list, expanding the list's wildcard keys such as F32* or 'F10*, F31*'.
export function inCodeList(codes: Iterable<string>, value: string): boolean {
  for (const key of codes) {
    if (key === value) return true;
    for (const m of key.matchAll(/([A-Z]\d+)\*/g)) if (value.startsWith(m[1])) return true;
  }
  return false;
}
