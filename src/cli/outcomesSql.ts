// `iapt outcomes --emit-sql duckdb|spark|tsql [--layout nhs|ukllc] [--schema NAME] [--out FILE.sql]`: the outcome
// rules as one SQL query, for running where the data already is (DuckDB over the CSV folder, Spark, SQL Server).
import { writeFileAtomic, type Thresholds } from '../core/outcomes';
import { DIALECTS, emitOutcomeSql, isDialect, isSqlLayout, SQL_LAYOUTS, SqlEmitError } from '../core/outcomes/sql';
import { stringFlag, UsageError, type CliIO, type ParsedArgs } from './args';
import { cannotWrite } from './errors';

export async function emitSql(args: ParsedArgs, io: CliIO, thresholds: Thresholds): Promise<number> {
  const dialect = args.flags['emit-sql'];
  if (typeof dialect !== 'string' || !isDialect(dialect)) throw new UsageError(`--emit-sql must be one of ${DIALECTS.join(', ')}, got '${String(dialect)}'`);
  const layout = stringFlag(args, 'layout') ?? 'nhs';
  if (args.flags.layout !== undefined && typeof args.flags.layout !== 'string') throw new UsageError('--layout needs a value');
  if (!isSqlLayout(layout)) throw new UsageError(`--layout must be one of ${SQL_LAYOUTS.join(', ')}, got '${layout}'`);
  const schema = stringFlag(args, 'schema');
  if (schema !== undefined && dialect === 'duckdb') throw new UsageError('--schema applies to spark and tsql (DuckDB reads the CSV files of the current folder)');
  if (schema !== undefined && (schema === '' || /[\u0000-\u001f\u007f]/.test(schema))) throw new UsageError('--schema must be a non-empty name without control characters');
  if (args.positional.length) throw new UsageError('--emit-sql takes no files: the SQL reads the extract where it is');
  for (const flag of ['summary', 'from', 'to', 'disagreements']) {
    if (args.flags[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --emit-sql`);
  }
  let sql: string;
  try {
    sql = emitOutcomeSql({ dialect, layout, schema, thresholds });
  } catch (err) {
    if (err instanceof SqlEmitError) throw new UsageError(err.message);
    throw err;
  }
  const out = stringFlag(args, 'out');
  if (out) {
    try {
      await writeFileAtomic(out, [sql]);
    } catch (err) {
      throw cannotWrite(out, err);
    }
  } else {
    io.stdout.write(sql);
  }
  return 0;
}
