// Skipped rows and warnings of an outcome run: counted by kind, with a few examples each (never silent).

export interface RowIssueExample {
  file: string;
  line: number;
  /** 1-based column of the offending cell (0 when the whole row is at fault) */
  column: number;
  value: string;
}

export interface RowIssueGroup {
  kind: string;
  message: string;
  count: number;
  /** false when the row was kept (the problem is reported but the value is used as written) */
  skipped: boolean;
  /** true for rows set aside by a rule, not because anything is wrong (superseded extract, score after discharge…) */
  benign?: boolean;
  examples: RowIssueExample[];
}

export const MAX_EXAMPLES = 5;

/** Collects skipped rows by kind. */
export class RowIssues {
  private readonly groups = new Map<string, RowIssueGroup>();

  add(kind: string, message: string, example: RowIssueExample, skipped = true, benign = false): void {
    let g = this.groups.get(kind);
    if (!g) {
      g = { kind, message, count: 0, skipped, examples: [] };
      if (benign) g.benign = true;
      this.groups.set(kind, g);
    }
    g.count++;
    if (g.examples.length < MAX_EXAMPLES) g.examples.push(example);
  }

  get total(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.count;
    return n;
  }

  /** problems: rows skipped because something is wrong, and rows kept with a problem */
  list(): RowIssueGroup[] {
    return [...this.groups.values()].filter((g) => !g.benign).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  }

  /** rows set aside by a rule (nothing wrong with them) */
  setAside(): RowIssueGroup[] {
    return [...this.groups.values()].filter((g) => g.benign).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  }

  /** rows not used (skipped problems + set aside) */
  get ignored(): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.skipped) n += g.count;
    return n;
  }
}

/** "file:line:column" */
export function formatPlace(e: RowIssueExample): string {
  return `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}`;
}
