// DuckDB running the emitted outcome SQL (iapt outcomes --emit-sql duckdb) over the extract folder, writing the
// per-pathway CSV. Arguments: folder, SQL file, output CSV. DuckDB uses every core (its default threads).
const fs = require('node:fs');
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const [dir, sqlFile, out] = process.argv.slice(2);
  const q = (s) => `'${s.split("'").join("''")}'`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`SET file_search_path = ${q(dir)}`);
  const sql = fs.readFileSync(sqlFile, 'utf8').trim().replace(/;$/, '');
  await con.run(`COPY (${sql}) TO ${q(out)} (HEADER, DELIMITER ',')`);
  con.closeSync();
  process.stdout.write(JSON.stringify({ threads: 'default' }) + '\n');
})().catch((e) => { process.stderr.write(String(e && e.message || e) + '\n'); process.exit(1); });
