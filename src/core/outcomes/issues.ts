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
  examples: RowIssueExample[];
}

export const MAX_EXAMPLES = 5;

/** Collects skipped rows by kind. */
export class RowIssues {
  private readonly groups = new Map<string, RowIssueGroup>();

  add(kind: string, message: string, example: RowIssueExample, skipped = true): void {
    let g = this.groups.get(kind);
    if (!g) {
      g = { kind, message, count: 0, skipped, examples: [] };
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

  list(): RowIssueGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }
}

/** "file:line:column" */
export function formatPlace(e: RowIssueExample): string {
  return `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}`;
}
