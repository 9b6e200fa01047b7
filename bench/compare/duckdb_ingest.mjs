// DuckDB peer: load one CSV or NDJSON file into a table of a fresh database
// file, as a DuckDB user would (explicit schema), and checkpoint it.
// Usage: node duckdb_ingest.mjs FILE DB_PATH
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbPath] = process.argv.slice(2);
const columns = `{'timestamp':'TIMESTAMPTZ','customer_id':'VARCHAR','event':'VARCHAR','event_id':'VARCHAR',
  'session_id':'VARCHAR','channel':'VARCHAR','campaign':'VARCHAR','page':'VARCHAR','revenue':'DOUBLE',
  'survey':'VARCHAR','score':'DOUBLE','comment':'VARCHAR','feature':'VARCHAR','device':'VARCHAR','country':'VARCHAR'}`;
const reader = /\.(ndjson|jsonl)(\.gz|\.zst)?$/.test(file)
  ? `read_json('${file}', format='newline_delimited', columns=${columns})`
  : `read_csv('${file}', header=true, delim=',', quote='"', escape='"', columns=${columns})`;
const instance = await DuckDBInstance.create(dbPath);
const con = await instance.connect();
await con.run(`CREATE TABLE events AS SELECT * FROM ${reader}`);
await con.run('CHECKPOINT');
const rows = await con.runAndReadAll('SELECT count(*) FROM events');
console.log(`rows ${rows.getRows()[0][0]}`);
