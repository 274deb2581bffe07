// Spark SQL and T-SQL flavours: parsed by node-sql-parser (syntax only; not executed here) and their dialect
// differences (quoting, date functions, booleans, window syntax, table sources) checked one by one.
import { strict as assert } from 'node:assert';
import { Parser } from 'node-sql-parser';
import { builtinThresholds } from '../../../../src/core/outcomes';
import { emitOutcomeSql } from '../../../../src/core/outcomes/sql';
import { dialect } from '../../../../src/core/outcomes/sql/dialect';

const parser = new Parser();
const PARSER_DB = { spark: 'hive', tsql: 'transactsql' } as const;

/** number of CTEs in the emitted script (each opens a line "name AS (") */
const cteCount = (sql: string) => sql.split('\n').filter((l) => /^[a-z_0-9]+ AS \($/.test(l)).length;

describe('outcome SQL: Spark SQL and T-SQL flavours', () => {
  for (const name of ['spark', 'tsql'] as const) {
    for (const layout of ['nhs', 'ukllc'] as const) {
      it(`${name} ${layout}: parses as one WITH … SELECT with every CTE and the 18 output columns`, () => {
        const sql = emitOutcomeSql({ dialect: name, layout, schema: 'nhsd' });
        const ast = parser.astify(sql, { database: PARSER_DB[name] });
        const stmt = (Array.isArray(ast) ? ast : [ast]).filter(Boolean);
        assert.equal(stmt.length, 1);
        const select = stmt[0] as unknown as { type: string; with: unknown[] | null; columns: unknown[] };
        assert.equal(select.type, 'select');
        assert.equal(select.with?.length, cteCount(sql));
        assert.ok(cteCount(sql) > 20);
        assert.equal(select.columns.length, 18);
      });
    }
  }

  it('the parser rejects a script with one slip (so a passing parse means something)', () => {
    for (const name of ['spark', 'tsql'] as const) {
      const sql = emitOutcomeSql({ dialect: name, layout: 'nhs' });
      assert.throws(() => parser.astify(sql.replace('PARTITION BY', 'PARTITION'), { database: PARSER_DB[name] }), name);
      assert.throws(() => parser.astify(sql.replace(/\)\n\)/, ')'), { database: PARSER_DB[name] }), name);
    }
  });

  it('quotes identifiers per dialect, doubling the closing quote character', () => {
    assert.equal(dialect('duckdb').id('a"b'), '"a""b"');
    assert.equal(dialect('spark').id('a`b'), '`a``b`');
    assert.equal(dialect('tsql').id('a]b'), '[a]]b]');
    assert.equal(dialect('tsql').str("O'Neil"), "'O''Neil'");
  });

  it('reads the warehouse tables of the schema, quoted, and every column the rules need (absent ones as NULL)', () => {
    const t = emitOutcomeSql({ dialect: 'tsql', layout: 'ukllc', schema: 'nhsd' });
    assert.match(t, /FROM \[nhsd\]\.\[IAPT_demographics_and_referral\]/);
    assert.match(t, /FROM \[nhsd\]\.\[IAPT_coded_scored_assessments\]/);
    assert.match(t, /CAST\(NULL AS NVARCHAR\(4000\)\) AS \[servicerequestid\]/, 'UK LLC has no ServiceRequestId');
    assert.doesNotMatch(t, /read_csv/);
    const s = emitOutcomeSql({ dialect: 'spark', layout: 'nhs', schema: 'iapt`x' });
    assert.match(s, /FROM `iapt``x`\.`IDS607`/);
    assert.match(s, /FROM `iapt``x`\.`IDS606`/);
    const d = emitOutcomeSql({ dialect: 'duckdb', layout: 'nhs' });
    assert.match(d, /read_csv\('IDS101\*\.csv'/);
    assert.match(d, /read_csv\('IDS607\*\.csv'/);
  });

  it('uses each dialect\'s date parsing and formatting', () => {
    assert.match(dialect('tsql').date('x'), /TRY_CONVERT\(DATE, x, 23\).*TRY_CONVERT\(DATE, x, 103\)/);
    assert.match(dialect('spark').date('x'), /TO_DATE\(COALESCE\(TRY_TO_TIMESTAMP\(x, 'yyyy-MM-dd'\).*'dd\/MM\/yyyy'/);
    assert.match(dialect('duckdb').date('x'), /TRY_CAST\(x AS DATE\).*TRY_STRPTIME\(x, '%d\/%m\/%Y'\)/);
    assert.equal(dialect('tsql').formatDate('d'), 'CONVERT(CHAR(10), d, 23)');
    assert.equal(dialect('spark').formatDate('d'), "DATE_FORMAT(d, 'yyyy-MM-dd')");
    assert.equal(dialect('duckdb').formatDate('d'), "strftime(d, '%Y-%m-%d')");
  });

  it('keeps flags as 1/0 and writes them as the text true/false (T-SQL has no boolean type)', () => {
    for (const name of ['duckdb', 'spark', 'tsql'] as const) {
      const sql = emitOutcomeSql({ dialect: name, layout: 'nhs' });
      assert.doesNotMatch(sql, /\b(TRUE|FALSE)\b/, name);
      assert.match(sql, /CASE WHEN f\.recovery = 1 THEN 'true' WHEN f\.recovery = 0 THEN 'false' ELSE '' END/);
    }
  });

  it('gives every row-order window an ORDER BY where the dialect needs one', () => {
    assert.match(emitOutcomeSql({ dialect: 'tsql', layout: 'nhs' }), /ROW_NUMBER\(\) OVER \(ORDER BY \(SELECT NULL\)\) AS \[rn\]/);
    assert.match(emitOutcomeSql({ dialect: 'spark', layout: 'nhs' }), /MONOTONICALLY_INCREASING_ID\(\) AS `rn`/);
    assert.match(emitOutcomeSql({ dialect: 'duckdb', layout: 'nhs' }), /row_number\(\) OVER \(\) AS "rn"/);
  });

  it('guards numeric casts (Spark ANSI mode, T-SQL conversion errors)', () => {
    assert.match(dialect('spark').number('x'), /^CASE WHEN x RLIKE .* THEN CAST\(x AS DOUBLE\) END$/);
    assert.equal(dialect('tsql').number('x'), 'TRY_CONVERT(FLOAT, x)');
    assert.equal(dialect('tsql').isDigits('x'), "(x <> '' AND x NOT LIKE '%[^0-9]%')");
  });

  it('writes every threshold from the data file and no extract value', () => {
    const th = builtinThresholds();
    for (const name of ['duckdb', 'spark', 'tsql'] as const) {
      const sql = emitOutcomeSql({ dialect: name, layout: 'nhs' });
      for (const m of th.measures) {
        for (const code of m.snomed) assert.ok(sql.includes(`'${code}'`), `${name}: ${m.id} code ${code}`);
        if (m.caseness && m.reliableChange !== null) {
          assert.ok(sql.includes(Number(m.reliableChange - 1e-9).toExponential()), `${name}: ${m.id} reliable change`);
        }
      }
      // doubles read back exactly: 0.73 − 1e-9 written so that the database parses the same number
      assert.equal(Number(dialect(name).double(0.73 - 1e-9)), 0.73 - 1e-9);
      assert.doesNotMatch(sql, /PW\d|SR\d|CC\d/);
    }
  });
});

describe('iapt outcomes --emit-sql (CLI)', () => {
  it('writes the script to stdout; unknown dialect or layout, or --schema for DuckDB, is a usage error (exit 2)', async () => {
    const { runCli } = await import('../../cli/run');
    const command = (await import('../../../../src/cli/outcomes')).default;
    const ok = await runCli(command, ['--emit-sql', 'tsql', '--layout', 'ukllc', '--schema', 'nhsd']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, emitOutcomeSql({ dialect: 'tsql', layout: 'ukllc', schema: 'nhsd' }));
    assert.equal((await runCli(command, ['--emit-sql', 'duckdb'])).stdout, emitOutcomeSql({ dialect: 'duckdb', layout: 'nhs' }));
    for (const argv of [['--emit-sql', 'oracle'], ['--emit-sql', 'duckdb', '--layout', 'nhs2'], ['--emit-sql', 'duckdb', '--schema', 'x'],
      ['--emit-sql', 'tsql', 'some/folder'], ['--layout', 'nhs', 'folder']]) {
      const r = await runCli(command, argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});
