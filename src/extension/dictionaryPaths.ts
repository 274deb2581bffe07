// Which dictionary files iapt.dictionary.paths names, by settings level and workspace trust (no vscode here,
// so it is unit-tested directly). In an untrusted workspace only the user-settings value counts.
import * as os from 'node:os';
import * as path from 'node:path';

export type PathLevel = 'user' | 'workspace' | 'folder';

export interface PathSetting {
  level: PathLevel;
  /** the setting's value at that level (anything: it is user-editable JSON) */
  value: unknown;
  /** folder that relative paths resolve against (the first workspace folder, or the folder itself) */
  base?: string;
}

export interface SelectedPath {
  written: string;
  /** absolute path (POSIX separators kept as given) */
  resolved: string;
  level: PathLevel;
}

export interface PathSelection {
  paths: SelectedPath[];
  /** entries of workspace/folder values left out because the workspace is not trusted */
  skipped: number;
  /** entries that cannot be resolved (relative path with no folder open, or in an untrusted workspace) */
  unresolved: string[];
}

export function selectDictionaryPaths(settings: readonly PathSetting[], trusted: boolean, home = os.homedir()): PathSelection {
  const out: PathSelection = { paths: [], skipped: 0, unresolved: [] };
  for (const s of settings) {
    if (!Array.isArray(s.value)) continue;
    const entries = s.value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
    if (s.level !== 'user' && !trusted) {
      out.skipped += entries.length;
      continue;
    }
    for (const written of entries) {
      const expanded = written === '~' || written.startsWith('~/') ? path.posix.join(home.replace(/\\/g, '/'), written.slice(1)) : written;
      const absolute = path.isAbsolute(expanded) || path.posix.isAbsolute(expanded);
      // a relative path resolves against the workspace folder only in a trusted workspace: in an untrusted one
      // the folder's content (e.g. a planted dictionary.json) must not be picked up by a user setting
      if (!absolute && (!s.base || !trusted)) {
        out.unresolved.push(written);
        continue;
      }
      const resolved = absolute ? expanded : path.posix.join(s.base!.replace(/\\/g, '/'), expanded);
      if (!out.paths.some((p) => p.resolved === resolved)) out.paths.push({ written, resolved, level: s.level });
    }
  }
  return out;
}
