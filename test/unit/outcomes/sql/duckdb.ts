// Runs the emitted DuckDB SQL over an extract folder and the engine over the same files (shared by tests and bench).
import { DuckDBInstance } from '@duckdb/node-api';
import { computeOutcomes, outcomeCsvFields, OUTCOME_CSV_COLUMNS } from '../../../../src/core/outcomes';
import { listTableFiles, recogniseOutcomeTables } from '../../../../src/core/outcomes/discover';
import { emitOutcomeSql } from '../../../../src/core/outcomes/sql';

export async function duckdbRows(dir: string, layout: 'nhs' | 'ukllc'): Promise<string[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`SET file_search_path = '${dir.split("'").join("''")}'`);
    const reader = await con.runAndReadAll(emitOutcomeSql({ dialect: 'duckdb', layout }));
    return reader.getRows().map((r) => r.map((v) => (v === null ? '' : String(v))));
  } finally {
    con.closeSync();
  }
}

export async function engineRows(dir: string): Promise<string[][]> {
  const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
  const r = await computeOutcomes(found.tables);
  return r.pathways.map(outcomeCsvFields);
}

/** per-pathway differences (column name, engine value, SQL value), at most `limit` */
export function differences(engine: string[][], sql: string[][], limit = 20): string[] {
  const out: string[] = [];
  const bySql = new Map(sql.map((r) => [r[0], r]));
  const seen = new Set<string>();
  for (const e of engine) {
    seen.add(e[0]);
    const s = bySql.get(e[0]);
    if (!s) { out.push(`${e[0]}: missing from SQL`); continue; }
    e.forEach((v, i) => { if (v !== s[i]) out.push(`${e[0]} ${OUTCOME_CSV_COLUMNS[i]}: engine '${v}' sql '${s[i]}'`); });
    if (out.length >= limit) return out.slice(0, limit);
  }
  for (const s of sql) if (!seen.has(s[0])) out.push(`${s[0]}: only in SQL`);
  return out.slice(0, limit);
}
