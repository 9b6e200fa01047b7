// DuckDB peer: the weekly retention matrix (duckdb_retention.sql) on a
// database loaded by duckdb_ingest.mjs, printed in the JSON shape of
// `touchpoint retention --format json` (cohorts[], average[]).
// Usage: node duckdb_retention.mjs DB_PATH
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath] = process.argv.slice(2);
const sql = readFileSync(new URL('./duckdb_retention.sql', import.meta.url), 'utf8');
const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
await con.run("SET TimeZone = 'UTC'");
const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();  // BIGINT and DOUBLE as JSON-safe values
const num = (v) => (v === null ? null : Number(v));
const out = { period: 'week', cohort: 'first_seen', return: 'any', unbounded: false, cohorts: [], average: [] };
for (const r of rows) {
  if (r.cohort === '(average)') {
    out.average = r.average.map(num);
  } else {
    out.cohorts.push({ cohort: r.cohort, size: num(r.size), retained: r.retained.map(num), percent: r.percent.map(num),
                       revenue: r.revenue.map(num), complete_periods: num(r.complete_periods) });
  }
}
console.log(JSON.stringify(out));
