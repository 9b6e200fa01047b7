// DuckDB peer: customers reaching each step of an ordered funnel
// (duckdb_funnel.sql, windowFunnel semantics) on a database loaded by
// duckdb_ingest.mjs. Prints {"steps":[{"step":"page_view","customers":N},...]}.
// Usage: node duckdb_funnel.mjs DB_PATH STEP,STEP,... WINDOW_SECONDS
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath, stepList, windowS] = process.argv.slice(2);
const steps = stepList.split(',');
const text = readFileSync(new URL('./duckdb_funnel.sql', import.meta.url), 'utf8');
// The query is the file up to the templates; the templates are its commented tail.
const [query, tail] = text.split('-- template CHAIN');
const uncomment = (s) => s.split('\n').filter((l) => l.startsWith('-- ')).map((l) => l.slice(3)).join('\n');
const [chainPart, countsPart] = tail.split('-- template COUNTS:');
const chainTemplate = uncomment(chainPart);
const countsTemplate = uncomment(countsPart);
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const fill = (t, vars) => t.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k]);
let chain = '';
const counts = [fill(countsTemplate, { I: 1 })];
for (let i = 2; i <= steps.length; ++i) {
  chain += fill(chainTemplate, { I: i, P: i - 1, STEP: lit(steps[i - 1]) });
  counts.push(fill(countsTemplate, { I: i }));
}
const sql = fill(query.replace(/^--.*\n/gm, ''), {
  EVENTS: `(${[...new Set(steps)].map(lit).join(', ')})`,
  WINDOW_MS: Math.round(Number(windowS) * 1000),
  STEP1: lit(steps[0]),
  CHAIN: chain,
  COUNTS: counts.join('\nUNION ALL\n'),
});
const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
const reached = new Map((await con.runAndReadAll(sql)).getRows().map(([i, n]) => [Number(i), Number(n)]));
console.log(JSON.stringify({ steps: steps.map((step, i) => ({ step, customers: reached.get(i + 1) ?? 0 })) }));
