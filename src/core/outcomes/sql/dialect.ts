// The three SQL dialects the outcome rules are emitted in: what differs between DuckDB, Spark SQL and T-SQL
// (identifier quoting, text casts, date/time parsing, digit tests, date formatting, table sources, row order).
// Everything else in the emitted script is plain SQL shared by all three (CTEs, CASE, window functions).

export type DialectName = 'duckdb' | 'spark' | 'tsql';
export const DIALECTS: readonly DialectName[] = ['duckdb', 'spark', 'tsql'];

export interface Dialect {
  name: DialectName;
  /** the text column type */
  textType: string;
  /** a quoted identifier (embedded quote characters doubled) */
  id(name: string): string;
  /** a string literal (only for rule data and file names, never for extract values) */
  str(value: string): string;
  /** a cell as trimmed text, '' when NULL */
  text(expr: string): string;
  /** a text cell → DATE, NULL when not a calendar date (ISO YYYY-MM-DD with an optional time, or DD/MM/YYYY) */
  date(textExpr: string): string;
  /** seconds since midnight of a HH:MM[:SS] text or of the time part of a date-time text; NULL when invalid */
  seconds(textExpr: string): string;
  /** a text → DOUBLE, NULL when not a number */
  number(textExpr: string): string;
  /** 1 when a text is one or more ASCII digits, else 0 (as a boolean condition) */
  isDigits(textExpr: string): string;
  /** a digits-only text without its leading zeros */
  stripZeros(textExpr: string): string;
  /** a plain decimal numeral as written: -?digits(.digits)? (series.ts parseScore) */
  isPlainDecimal(textExpr: string): string;
  /** a digits-only text → its integer value */
  integer(textExpr: string): string;
  /** a DATE → 'YYYY-MM-DD' */
  formatDate(dateExpr: string): string;
  /** an integer → text */
  intText(expr: string): string;
  /** upper case with dots and spaces removed */
  normaliseCode(textExpr: string): string;
  /** length of a text in characters */
  length(textExpr: string): string;
  /** a DOUBLE literal that reads back as exactly this JavaScript number */
  double(value: number): string;
  /** the rows of one table with a row-order column `rn` (and every named column present, NULL when absent) */
  source(table: SourceTable, columns: readonly string[]): string;
  /** keyword after `name AS` of a CTE read several times ('' where the dialect has no such hint) */
  materialized: string;
  /** comment line(s) opening the script */
  preamble: string[];
}

/** One input table: CSV file name pattern (DuckDB) or warehouse table name (Spark, T-SQL). */
export interface SourceTable {
  /** warehouse table name (e.g. IDS101, IAPT_demographics_and_referral) */
  table: string;
  /** file name glob relative to the extract folder (e.g. IDS101*.csv) */
  files: string;
  schema?: string;
  /** the columns the warehouse table has (of those the rules read); the others are read as NULL */
  has: readonly string[];
}

const quoteWith = (open: string, close: string) => (name: string) => `${open}${name.split(close).join(close + close)}${close}`;
/** scientific notation is a DOUBLE (FLOAT) literal in all three dialects; toExponential() round-trips the value */
function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return value.toExponential();
}
const sqlString = (value: string) => `'${value.split("'").join("''")}'`;

const duckdb: Dialect = {
  name: 'duckdb',
  materialized: 'MATERIALIZED ',
  textType: 'VARCHAR',
  id: quoteWith('"', '"'),
  str: sqlString,
  text: (e) => `COALESCE(TRIM(CAST(${e} AS VARCHAR)), '')`,
  // the common shapes go through a plain cast (a failing TRY_STRPTIME is slow); the other formats after
  date: (t) => `CASE WHEN ${t} LIKE '____-__-__' THEN TRY_CAST(${t} AS DATE) ELSE CAST(COALESCE(TRY_STRPTIME(${t}, '%Y-%m-%d %H:%M:%S'), `
    + `TRY_STRPTIME(${t}, '%Y-%m-%dT%H:%M:%S'), TRY_STRPTIME(${t}, '%Y-%m-%d %H:%M'), TRY_STRPTIME(${t}, '%Y-%m-%dT%H:%M'), TRY_STRPTIME(${t}, '%d/%m/%Y'), `
    + `TRY_STRPTIME(${t}, '%d/%m/%Y %H:%M:%S'), TRY_STRPTIME(${t}, '%d/%m/%Y %H:%M')) AS DATE) END`,
  seconds: (t) => `CAST(EXTRACT(EPOCH FROM CASE WHEN ${t} LIKE '__:__:__' THEN TRY_CAST(${t} AS TIME) ELSE COALESCE(TRY_STRPTIME(${t}, '%H:%M:%S'), TRY_STRPTIME(${t}, '%H:%M'), `
    + `TRY_STRPTIME(${t}, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(${t}, '%Y-%m-%dT%H:%M:%S'), TRY_STRPTIME(${t}, '%Y-%m-%d %H:%M'), TRY_STRPTIME(${t}, '%Y-%m-%dT%H:%M'), `
    + `TRY_STRPTIME(${t}, '%d/%m/%Y %H:%M:%S'), TRY_STRPTIME(${t}, '%d/%m/%Y %H:%M'))::TIME END) AS INTEGER)`,
  number: (t) => `TRY_CAST(${t} AS DOUBLE)`,
  isDigits: (t) => `regexp_full_match(${t}, '[0-9]+')`,
  stripZeros: (t) => `ltrim(${t}, '0')`,
  isPlainDecimal: (t) => `regexp_full_match(${t}, '-?[0-9]+([.][0-9]+)?')`,
  integer: (t) => `TRY_CAST(${t} AS HUGEINT)`,
  formatDate: (d) => `strftime(${d}, '%Y-%m-%d')`,
  intText: (e) => `CAST(${e} AS VARCHAR)`,
  normaliseCode: (t) => `regexp_replace(upper(${t}), '[.\\s]', '', 'g')`,
  length: (t) => `length(${t})`,
  double: doubleLiteral,
  source(table, columns) {
    // an empty row of every needed column, so a file without an optional column still binds (UNION ALL BY NAME)
    const template = columns.map((c) => `CAST(NULL AS VARCHAR) AS ${duckdb.id(c)}`).join(', ');
    return `SELECT * FROM (SELECT ${template} WHERE 1 = 0) UNION ALL BY NAME (SELECT row_number() OVER () AS "rn", * FROM read_csv(${sqlString(table.files)}, header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '"', escape = '"', strict_mode = false, null_padding = true))`;
  },
  preamble: [
    '-- DuckDB: reads the extract\'s CSV files from the current folder (or SET file_search_path = \'<folder>\' first).',
    '-- CSV files are comma-separated with a header; a file with an unclosed quote is refused by DuckDB (iapt outcomes reads on).',
  ],
};

const spark: Dialect = {
  name: 'spark',
  materialized: '',
  textType: 'STRING',
  id: quoteWith('`', '`'),
  str: sqlString,
  text: (e) => `COALESCE(TRIM(CAST(${e} AS STRING)), '')`,
  date: (t) => `TO_DATE(COALESCE(TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd'), TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd HH:mm:ss'), TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd HH:mm'), TRY_TO_TIMESTAMP(${t}, 'dd/MM/yyyy')))`,
  seconds: (t) => `(HOUR(COALESCE(TRY_TO_TIMESTAMP(${t}, 'H:mm:ss'), TRY_TO_TIMESTAMP(${t}, 'H:mm'), TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd HH:mm:ss'))) * 3600 `
    + `+ MINUTE(COALESCE(TRY_TO_TIMESTAMP(${t}, 'H:mm:ss'), TRY_TO_TIMESTAMP(${t}, 'H:mm'), TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd HH:mm:ss'))) * 60 `
    + `+ SECOND(COALESCE(TRY_TO_TIMESTAMP(${t}, 'H:mm:ss'), TRY_TO_TIMESTAMP(${t}, 'H:mm'), TRY_TO_TIMESTAMP(${t}, 'yyyy-MM-dd HH:mm:ss'))))`,
  // guarded casts (TRY_CAST is not in every Spark version; a plain CAST fails under ANSI mode)
  number: (t) => `CASE WHEN ${t} RLIKE '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$' THEN CAST(${t} AS DOUBLE) END`,
  isDigits: (t) => `(${t} RLIKE '^[0-9]+$')`,
  stripZeros: (t) => `REGEXP_REPLACE(${t}, '^0+', '')`,
  isPlainDecimal: (t) => `(${t} RLIKE '^-?[0-9]+([.][0-9]+)?$')`,
  integer: (t) => `CASE WHEN ${t} RLIKE '^[0-9]+$' THEN CAST(${t} AS DECIMAL(38, 0)) END`,
  formatDate: (d) => `DATE_FORMAT(${d}, 'yyyy-MM-dd')`,
  intText: (e) => `CAST(${e} AS STRING)`,
  normaliseCode: (t) => `REGEXP_REPLACE(UPPER(${t}), '[.\\\\s]', '')`,
  length: (t) => `LENGTH(${t})`,
  double: doubleLiteral,
  source(table, columns) {
    const name = table.schema ? `${spark.id(table.schema)}.${spark.id(table.table)}` : spark.id(table.table);
    const cols = columns.map((c) => (table.has.includes(c) ? spark.id(c) : `CAST(NULL AS STRING) AS ${spark.id(c)}`));
    return `SELECT MONOTONICALLY_INCREASING_ID() AS ${spark.id('rn')}, ${cols.join(', ')} FROM ${name}`;
  },
  preamble: [
    '-- Spark SQL (Databricks): not executed by the project\'s tests (syntax checked only).',
    '-- Columns a table does not have in this layout are read as NULL; the others must exist.',
  ],
};

const tsql: Dialect = {
  name: 'tsql',
  materialized: '',
  textType: 'NVARCHAR(4000)',
  id: quoteWith('[', ']'),
  str: sqlString,
  text: (e) => `COALESCE(LTRIM(RTRIM(CAST(${e} AS NVARCHAR(4000)))), '')`,
  date: (t) => `COALESCE(TRY_CONVERT(DATE, ${t}, 23), TRY_CONVERT(DATE, ${t}, 126), TRY_CONVERT(DATE, ${t}, 120), TRY_CONVERT(DATE, ${t}, 103))`,
  seconds: (t) => `DATEDIFF(SECOND, CAST('00:00:00' AS TIME), COALESCE(TRY_CONVERT(TIME, ${t}, 108), TRY_CONVERT(TIME, ${t}, 126), TRY_CONVERT(TIME, ${t}, 120)))`,
  number: (t) => `TRY_CONVERT(FLOAT, ${t})`,
  isDigits: (t) => `(${t} <> '' AND ${t} NOT LIKE '%[^0-9]%')`,
  stripZeros: (t) => `SUBSTRING(${t}, PATINDEX('%[^0]%', ${t} + '.'), LEN(${t}))`,
  // LIKE has no repetition: digits, at most one '.', a '-' only first, a digit on each side of the '.'
  isPlainDecimal: (t) => `(${t} <> '' AND ${t} NOT LIKE '%[^-0-9.]%' AND ${t} NOT LIKE '_%-%' AND ${t} NOT LIKE '%.%.%' `
    + `AND ${t} NOT LIKE '%.' AND ${t} NOT LIKE '.%' AND ${t} NOT LIKE '-.%' AND ${t} <> '-')`,
  integer: (t) => `TRY_CONVERT(DECIMAL(38, 0), ${t})`,
  formatDate: (d) => `CONVERT(CHAR(10), ${d}, 23)`,
  intText: (e) => `CAST(${e} AS NVARCHAR(20))`,
  normaliseCode: (t) => `UPPER(REPLACE(REPLACE(${t}, '.', ''), ' ', ''))`,
  length: (t) => `LEN(${t})`,
  double: doubleLiteral,
  source(table, columns) {
    const name = table.schema ? `${tsql.id(table.schema)}.${tsql.id(table.table)}` : tsql.id(table.table);
    const cols = columns.map((c) => (table.has.includes(c) ? tsql.id(c) : `CAST(NULL AS NVARCHAR(4000)) AS ${tsql.id(c)}`));
    return `SELECT ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS ${tsql.id('rn')}, ${cols.join(', ')} FROM ${name}`;
  },
  preamble: [
    '-- T-SQL (SQL Server, e.g. the UK LLC TRE schema nhsd): not executed by the project\'s tests (syntax checked only).',
    '-- Columns a table does not have in this layout are read as NULL; the others must exist.',
  ],
};

const ALL: Record<DialectName, Dialect> = { duckdb, spark, tsql };

export function dialect(name: DialectName): Dialect {
  return ALL[name];
}

export function isDialect(name: string): name is DialectName {
  return (DIALECTS as readonly string[]).includes(name);
}
