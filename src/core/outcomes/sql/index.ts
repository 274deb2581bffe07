// Outcome rules as SQL (DuckDB, Spark SQL, T-SQL), generated from the engine's threshold data.
export { emitOutcomeSql, SqlEmitError, type EmitSqlOptions } from './emit';
export { DIALECTS, isDialect, type DialectName } from './dialect';
export { SQL_LAYOUTS, isSqlLayout, type SqlLayout } from './layout';
