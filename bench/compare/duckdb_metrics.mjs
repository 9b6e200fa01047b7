// DuckDB peer: the measure catalogue (duckdb_metrics.sql) on a database
// loaded by duckdb_ingest.mjs; prints the values as JSON.
// Usage: node duckdb_metrics.mjs DB_PATH
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath] = process.argv.slice(2);
const sql = readFileSync(new URL('./duckdb_metrics.sql', import.meta.url), 'utf8');
const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
const reader = await con.runAndReadAll(sql);
const names = reader.columnNames();
const row = reader.getRows()[0];
const out = {};
names.forEach((n, i) => { out[n] = typeof row[i] === 'bigint' ? Number(row[i]) : row[i] === null ? null : Number(row[i]); });
console.log(JSON.stringify(out));
