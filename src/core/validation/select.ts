// Which rules run and how severe their findings are (settings / CLI options), and the per-file cap with one
// summary finding per capped file.
import type { Catalogue } from './catalogue';
import type { CompiledRule, Finding, Severity } from './types';

export interface RuleSelection {
  /** rule groups turned off (see data/validation-checks.json groups) */
  groupsOff?: readonly string[];
  /** per rule id: a new severity, or 'off' */
  severity?: Readonly<Record<string, Severity | 'off'>>;
  /** only rules whose id this accepts (CLI --rules GLOB) */
  include?: (ruleId: string) => boolean;
  /** findings stored per file; the rest are counted in one IAPTX009 finding (default: no cap) */
  maxPerFile?: number;
}

export function selectRules(cat: Catalogue, sel: RuleSelection = {}): { rules: CompiledRule[]; check: (id: string) => Severity | null } {
  const off = new Set(sel.groupsOff ?? []);
  const sev = (id: string, base: Severity): Severity | null => {
    const o = sel.severity?.[id];
    if (o === 'off') return null;
    return o ?? base;
  };
  const rules: CompiledRule[] = [];
  for (const r of cat.rules) {
    if (off.has(r.group) || (sel.include && !sel.include(r.id))) continue;
    const s = sev(r.id, r.severity);
    if (s) rules.push(s === r.severity ? r : { ...r, severity: s });
  }
  const checks = new Map(cat.checks.project_checks.map((c) => [c.id, c]));
  const check = (id: string): Severity | null => {
    const c = checks.get(id);
    if (!c || off.has(c.group) || (sel.include && !sel.include(id) && id !== 'IAPTX009')) return null;
    return sev(id, c.severity);
  };
  return { rules, check };
}

/** `IDS201*`, `IAPTX0?0`, comma-separated: a rule id filter. */
export function ruleGlob(globs: string): (id: string) => boolean {
  const res = globs.split(',').map((g) => g.trim()).filter(Boolean)
    .map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
  return (id) => res.some((r) => r.test(id));
}

/** A finding carries at most this much of its value (a 1 MB field is not repeated in every output). */
export const MAX_VALUE_CHARS = 1000;

export class FindingSink {
  private readonly perFile = new Map<string, { shown: number; total: number; first?: Finding }>();
  readonly counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };

  constructor(private readonly out: (f: Finding) => void, private readonly cap: number | undefined, private readonly capSeverity: Severity | null) {}

  emit(f: Finding): void {
    let c = this.perFile.get(f.file);
    if (!c) { c = { shown: 0, total: 0 }; this.perFile.set(f.file, c); }
    c.total++;
    if (this.cap !== undefined && c.shown >= this.cap) return;
    c.shown++;
    this.counts[f.severity]++;
    this.out(f.value.length > MAX_VALUE_CHARS ? { ...f, value: `${f.value.slice(0, MAX_VALUE_CHARS)}…` } : f);
  }

  /** One summary finding per capped file. */
  finish(): void {
    if (this.cap === undefined || !this.capSeverity) return;
    for (const [file, c] of this.perFile) {
      if (c.total <= c.shown) continue;
      this.counts[this.capSeverity]++;
      this.out({ file, line: 1, column: 1, field: '', value: '', rule: 'IAPTX009', severity: this.capSeverity,
        message: `${c.total - c.shown} more finding(s) in this file not shown (${c.total} in all; the cap is ${this.cap} per file)` });
    }
  }

  countFor(file: string): number {
    return this.perFile.get(file)?.total ?? 0;
  }
}
