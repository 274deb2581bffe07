// Finding table files under files and folders: regular files only, links not followed out of the chosen folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKind } from './errors';

/** File names taken as tables when a folder is walked. */
export const TABLE_FILE = /\.(csv|tsv|txt)$/i;

export interface ListTableFilesOptions {
  /** follow symbolic links that point out of the chosen folder (default false) */
  followLinksOutside?: boolean;
}

export interface ListedTableFiles {
  /** regular files, in walk order (sorted by name within each folder) */
  files: string[];
  /** paths given that do not exist */
  missing: string[];
  /** entries not read, with the reason (FIFO, device, link out of the folder, unreadable folder…) */
  skipped: { path: string; reason: string }[];
}

function inside(real: string, root: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Every CSV/TSV/TXT file under the given paths. Folders are walked (hidden folders and node_modules skipped);
 * only regular files are listed: FIFOs, devices and sockets are skipped with a reason, as are symbolic links
 * that lead out of the chosen folder (unless followLinksOutside) and links to folders (no loops). A file given
 * by name is listed when it is a regular file (also through a link), else skipped.
 */
export function listTableFiles(paths: readonly string[], options: ListTableFilesOptions = {}): ListedTableFiles {
  const out: ListedTableFiles = { files: [], missing: [], skipped: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) { seen.add(file); out.files.push(file); }
  };
  const walk = (dir: string, root: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      out.skipped.push({ path: dir, reason: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(full, root);
        continue;
      }
      if (!TABLE_FILE.test(e.name)) continue;
      if (e.isFile()) { add(full); continue; }
      if (e.isSymbolicLink()) {
        let real: string;
        let st: fs.Stats;
        try {
          real = fs.realpathSync(full);
          st = fs.statSync(real);
        } catch {
          out.skipped.push({ path: full, reason: 'symbolic link to nothing' });
          continue;
        }
        if (!options.followLinksOutside && !inside(real, root)) {
          out.skipped.push({ path: full, reason: `symbolic link out of the chosen folder (to ${real}); not followed` });
        } else if (!st.isFile()) {
          out.skipped.push({ path: full, reason: `symbolic link to a ${fileKind(st)}, not a regular file` });
        } else add(full);
        continue;
      }
      out.skipped.push({ path: full, reason: `not a regular file (${e.isFIFO() ? 'FIFO (named pipe)' : e.isCharacterDevice() ? 'character device' : e.isBlockDevice() ? 'block device' : e.isSocket() ? 'socket' : 'special file'})` });
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try { st = fs.statSync(p); } catch { out.missing.push(p); continue; }
    if (st.isDirectory()) {
      let root: string;
      try { root = fs.realpathSync(p); } catch { root = path.resolve(p); }
      walk(p, root);
    } else if (st.isFile()) add(p);
    else out.skipped.push({ path: p, reason: `not a regular file (${fileKind(st)})` });
  }
  return out;
}
