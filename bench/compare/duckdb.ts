/**
 * The DuckDB side of the comparison (`@duckdb/node-api`, in-process, its default threads: one per core).
 *
 * Load: `read_json` of the array into a table, with the schema declared (every field the generator writes,
 * plus the flags `spam`, `deleted`, `mergedInto` that a vendor export may carry: absent keys read as NULL).
 * Compute: the events unnested into a table, one row of facts per ticket (the library's reader rules, see
 * bench/compare/README.md), then the five metrics as queries on the facts.
 *
 * Run by bench/compare/run.ts as `node --import tsx bench/compare/duckdb.ts <file> [atMs]`.
 */
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { DAY_MS, engineArgs, fiveNumbers, num, numOrNull, perTicketOf, printReport, type Durations } from './protocol.js';

const { file, at, perTicket } = engineArgs();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await db.runAndReadAll(sql);
  return r.getRowObjects() as Record<string, unknown>[];
}

const threads = num((await rows(`SELECT current_setting('threads') AS t`))[0]?.t);
const quoted = `'${file.replaceAll("'", "''")}'`;

const t0 = performance.now();
await db.run(`
  CREATE TABLE tickets AS SELECT * FROM read_json(${quoted}, format = 'array', columns = {
    id: 'VARCHAR', createdAt: 'BIGINT', channel: 'VARCHAR', priority: 'VARCHAR', assigneeId: 'VARCHAR',
    requesterId: 'VARCHAR', tags: 'VARCHAR[]', createdBy: 'VARCHAR',
    spam: 'BOOLEAN', deleted: 'BOOLEAN', mergedInto: 'VARCHAR',
    events: 'STRUCT("type" VARCHAR, "at" BIGINT, "author" VARCHAR, "public" BOOLEAN, "authorId" VARCHAR, "status" VARCHAR)[]'
  })`);
const t1 = performance.now();

// Events (\`at\` is a keyword in DuckDB: the instant is \`ts\`), with the kind ranks of the library's reader: authors customer 0, agent 1, bot 2, system 3;
// statuses in lifecycle order new 0 … closed 5 (same-instant changes: the highest rank is the update's result).
await db.run(`
  CREATE TEMP TABLE ev AS
  SELECT id, e.type AS type, e.at AS ts,
    CASE e.author WHEN 'customer' THEN 0 WHEN 'agent' THEN 1 WHEN 'bot' THEN 2 WHEN 'system' THEN 3 END AS author,
    e.type = 'message' AND e.author = 'agent' AND coalesce(e.public, true) AS q,
    CASE e.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2 WHEN 'on_hold' THEN 3 WHEN 'solved' THEN 4 WHEN 'closed' THEN 5 END AS st
  FROM (SELECT id, unnest(events) AS e FROM tickets)`);
const t2 = performance.now();

await db.run(`
  CREATE TEMP TABLE facts AS
  WITH per AS (
    SELECT id,
      min(ts) FILTER (q) AS r1,
      min(ts, 2) FILTER (q) AS r12,
      count(*) FILTER (q) AS replies,
      count(*) FILTER (type = 'message' AND author = 0) AS customers,
      min(ts * 8 + author) FILTER (type = 'message') AS first_msg,
      max(ts * 8 + st) FILTER (type = 'status') AS last_status,
      max(ts * 8 + st) FILTER (type = 'status' AND ts <= ${at}) AS status_at,
      max(ts) FILTER (type = 'status' AND st = 4) AS last_solved,
      max(ts) FILTER (type = 'status' AND st = 5) AS last_closed
    FROM ev GROUP BY id
  ),
  instants AS (
    SELECT id, ts, max(st) >= 4 AS resolved FROM ev WHERE type = 'status' GROUP BY id, ts
  ),
  reopen AS (
    SELECT id, coalesce(max(ts) FILTER (NOT resolved) > min(ts) FILTER (resolved), false) AS reopened
    FROM instants GROUP BY id
  )
  SELECT tk.id, tk.createdAt AS created,
    coalesce(tk.deleted, false) OR coalesce(tk.spam, false) OR tk.mergedInto IS NOT NULL
      OR coalesce(list_has_any(tk.tags, ['spam', 'closed_by_merge']), false) AS ineligible,
    coalesce(tk.createdBy = 'agent' OR (tk.createdBy IS NULL AND p.first_msg % 8 = 1), false) AS agent_created,
    coalesce(p.first_msg = p.r1 * 8 + 1, false) AS first_qualifies,
    p.r1, p.r12[2] AS r2, coalesce(p.replies, 0) AS replies, coalesce(p.customers, 0) AS customers,
    coalesce(p.last_status % 8 >= 4, false) AS resolved_now,
    coalesce(p.status_at % 8 >= 4, false) AS resolved_at,
    coalesce(p.last_solved, p.last_closed) AS last_resolved,
    coalesce(r.reopened, false) AS reopened
  FROM tickets tk LEFT JOIN per p USING (id) LEFT JOIN reopen r USING (id)`);
const t3 = performance.now();

function summary(r: Record<string, unknown>): Durations {
  return { count: num(r.n), totalMs: num(r.total), meanMs: numOrNull(r.mean), medianMs: numOrNull(r.median) };
}
const agg = (d: string): string => `count(${d}) AS n, coalesce(sum(${d}), 0) AS total, avg(${d}) AS mean, median(${d}) AS median`;

const frt = summary((await rows(`
  SELECT ${agg('d')} FROM (
    SELECT CASE WHEN agent_created AND first_qualifies THEN r2 ELSE r1 END - created AS d FROM facts WHERE NOT ineligible
  )`))[0]!);
const t4 = performance.now();
const resolution = summary((await rows(`
  SELECT ${agg('last_resolved - created')} FROM facts WHERE NOT ineligible AND resolved_now`))[0]!);
const t5 = performance.now();
const fcrRow = (await rows(`
  SELECT count(*) FILTER (NOT reopened AND replies = 1) AS numerator, count(*) AS denominator
  FROM facts WHERE resolved_now AND NOT ineligible AND NOT agent_created AND customers > 0`))[0]!;
const t6 = performance.now();
const backlog = summary((await rows(`
  SELECT ${agg(`${at} - created`)} FROM facts WHERE NOT ineligible AND created <= ${at} AND NOT resolved_at`))[0]!);
const t7 = performance.now();
const days = (await rows(`
  SELECT created // ${DAY_MS} AS day, count(*) AS n FROM facts WHERE NOT ineligible GROUP BY day ORDER BY day`)).map((r) => [num(r.day) * DAY_MS, num(r.n)] as const);
const t8 = performance.now();
const tickets = num((await rows('SELECT count(*) AS n FROM tickets'))[0]?.n);
// The same rules per ticket (the edge cases only), for naming the ticket where an engine and the library differ.
const perTicketRows = perTicket
  ? await rows(`
    SELECT id,
      CASE WHEN NOT ineligible THEN CASE WHEN agent_created AND first_qualifies THEN r2 ELSE r1 END - created END AS frt,
      CASE WHEN NOT ineligible AND resolved_now THEN last_resolved - created END AS res,
      CASE WHEN resolved_now AND NOT ineligible AND NOT agent_created AND customers > 0 THEN (NOT reopened AND replies = 1)::INT END AS fcr,
      CASE WHEN NOT ineligible AND created <= ${at} AND NOT resolved_at THEN ${at} - created END AS age
    FROM facts`)
  : [];

printReport({
  engine: 'duckdb',
  version: `@duckdb/node-api ${duckdbVersion()}`,
  loadMs: t1 - t0,
  computeMs: t8 - t1,
  phases: { read_json: t1 - t0, unnest: t2 - t1, facts: t3 - t2, frt: t4 - t3, resolution: t5 - t4, fcr: t6 - t5, backlog: t7 - t6, volume: t8 - t7 },
  threads,
  results: fiveNumbers({ tickets: tickets, frt, resolution, fcr: fcrRow, backlog, at, days }),
  ...(perTicket ? { perTicket: perTicketOf(perTicketRows) } : {}),
});
