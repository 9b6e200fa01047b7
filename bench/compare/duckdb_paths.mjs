// DuckDB peer: the top 20 paths within sessions, depth 5 (duckdb_paths.sql),
// on a database loaded by duckdb_ingest.mjs. Prints
// {"paths":[{"path":"page_view,page_view","sessions":N,"customers":M},...]}.
// Usage: node duckdb_paths.mjs DB_PATH
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath] = process.argv.slice(2);
const sql = readFileSync(new URL('./duckdb_paths.sql', import.meta.url), 'utf8');
const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
const rows = (await con.runAndReadAll(sql)).getRows();
const paths = rows.map(([path, sessions, customers]) => ({ path, sessions: Number(sessions), customers: Number(customers) }));
console.log(JSON.stringify({ paths }));
