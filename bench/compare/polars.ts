/**
 * The polars side of the comparison (`nodejs-polars` 0.25.2, in-process, its default thread pool: one thread
 * per core).
 *
 * Load: `readJSON` of the array (schema inferred; the flags `spam`, `deleted`, `mergedInto` added as null
 * columns when no ticket has them). Compute: the events exploded and unnested, one row of facts per ticket (the
 * library's reader rules, see bench/compare/README.md), then the five metrics as aggregations on the facts.
 *
 * Run by bench/compare/run.ts as `node --import tsx bench/compare/polars.ts <file> [atMs]`.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import pl from 'nodejs-polars';
import { DAY_MS, engineArgs, fiveNumbers, num, numOrNull, perTicketOf, printReport, type Durations } from './protocol.js';

const { file, at, perTicket } = engineArgs();
const polarsVersion = (createRequire(import.meta.url)('nodejs-polars/package.json') as { version: string }).version;
const col = pl.col;
const lit = pl.lit;

const t0 = performance.now();
let tickets = pl.readJSON(file, { format: 'json' });
const t1 = performance.now();

for (const [name, type] of [['spam', pl.Bool], ['deleted', pl.Bool], ['mergedInto', pl.Utf8], ['createdBy', pl.Utf8]] as const) {
  if (!tickets.columns.includes(name)) tickets = tickets.withColumns(lit(null).cast(type).alias(name));
}
// Events, with the kind ranks of the library's reader: authors customer 0, agent 1, bot 2, system 3;
// statuses in lifecycle order new 0 … closed 5 (same-instant changes: the highest rank is the update's result).
let ev = tickets.select('id', 'events').explode('events').unnest('events');
for (const [name, type] of [['author', pl.Utf8], ['public', pl.Bool], ['status', pl.Utf8]] as const) {
  if (!ev.columns.includes(name)) ev = ev.withColumns(lit(null).cast(type).alias(name));
}
const rank = (column: string, names: readonly string[]) => {
  let e = pl.when(col(column).eq(lit(names[0]))).then(lit(0));
  for (let k = 1; k < names.length; k++) e = e.when(col(column).eq(lit(names[k]))).then(lit(k));
  return e.otherwise(lit(null)).cast(pl.Int64);
};
ev = ev
  .filter(col('type').isNotNull())
  .select(
    col('id'),
    col('type'),
    col('at').alias('ts'),
    rank('author', ['customer', 'agent', 'bot', 'system']).alias('author'),
    col('type').eq(lit('message')).and(col('author').eq(lit('agent'))).and(col('public').fillNull(lit(true))).alias('q'),
    rank('status', ['new', 'open', 'pending', 'on_hold', 'solved', 'closed']).alias('st'),
  );
const t2 = performance.now();

const isMessage = col('type').eq(lit('message'));
const isStatus = col('type').eq(lit('status'));
const per = ev.groupBy('id').agg(
  col('ts').filter(col('q')).min().alias('r1'),
  col('ts').filter(col('q')).sort().slice(1, 1).first().alias('r2'),
  col('q').sum().alias('replies'),
  isMessage.and(col('author').eq(lit(0))).sum().alias('customers'),
  col('ts').mul(lit(8)).plus(col('author')).filter(isMessage).min().alias('first_msg'),
  col('ts').mul(lit(8)).plus(col('st')).filter(isStatus).max().alias('last_status'),
  col('ts').mul(lit(8)).plus(col('st')).filter(isStatus.and(col('ts').lessThanEquals(lit(at)))).max().alias('status_at'),
  col('ts').filter(col('st').eq(lit(4))).max().alias('last_solved'),
  col('ts').filter(col('st').eq(lit(5))).max().alias('last_closed'),
);
const reopen = ev
  .filter(isStatus)
  .groupBy(['id', 'ts'])
  .agg(col('st').max().greaterThanEquals(lit(4)).alias('resolved'))
  .groupBy('id')
  .agg(col('ts').filter(col('resolved').not()).max().greaterThan(col('ts').filter(col('resolved')).min()).fillNull(lit(false)).alias('reopened'));
const facts = tickets
  .select('id', 'createdAt', 'createdBy', 'tags', 'spam', 'deleted', 'mergedInto')
  .join(per, { on: 'id', how: 'left' })
  .join(reopen, { on: 'id', how: 'left' })
  .select(
    col('id'),
    col('createdAt').alias('created'),
    col('deleted').fillNull(lit(false))
      .or(col('spam').fillNull(lit(false)))
      .or(col('mergedInto').isNotNull())
      .or(col('tags').lst.contains('spam').fillNull(lit(false)))
      .or(col('tags').lst.contains('closed_by_merge').fillNull(lit(false)))
      .alias('ineligible'),
    col('createdBy').eq(lit('agent')).fillNull(lit(false))
      .or(col('createdBy').isNull().and(col('first_msg').modulo(lit(8)).eq(lit(1))).fillNull(lit(false)))
      .alias('agent_created'),
    col('first_msg').eq(col('r1').mul(lit(8)).plus(lit(1))).fillNull(lit(false)).alias('first_qualifies'),
    col('r1'),
    col('r2'),
    col('replies').fillNull(lit(0)),
    col('customers').fillNull(lit(0)),
    col('last_status').modulo(lit(8)).greaterThanEquals(lit(4)).fillNull(lit(false)).alias('resolved_now'),
    col('status_at').modulo(lit(8)).greaterThanEquals(lit(4)).fillNull(lit(false)).alias('resolved_at'),
    col('last_solved').fillNull(col('last_closed')).alias('last_resolved'),
    col('reopened').fillNull(lit(false)),
  );
const t3 = performance.now();

function summary(df: pl.DataFrame, d: pl.Expr): Durations {
  const r = df.select(d.count().alias('n'), d.sum().alias('total'), d.mean().alias('mean'), d.median().alias('median')).toRecords()[0]!;
  return { count: num(r.n), totalMs: num(r.total), meanMs: numOrNull(r.mean), medianMs: numOrNull(r.median) };
}
const eligible = facts.filter(col('ineligible').not());

const frt = summary(
  eligible.select(pl.when(col('agent_created').and(col('first_qualifies'))).then(col('r2')).otherwise(col('r1')).minus(col('created')).alias('d')).filter(col('d').isNotNull()),
  col('d'),
);
const t4 = performance.now();
const resolution = summary(eligible.filter(col('resolved_now')).select(col('last_resolved').minus(col('created')).alias('d')), col('d'));
const t5 = performance.now();
const fcrRow = facts
  .filter(col('resolved_now').and(col('ineligible').not()).and(col('agent_created').not()).and(col('customers').greaterThan(lit(0))))
  .select(col('reopened').not().and(col('replies').eq(lit(1))).sum().alias('numerator'), pl.len().alias('denominator'))
  .toRecords()[0]!;
const t6 = performance.now();
const backlog = summary(
  eligible.filter(col('created').lessThanEquals(lit(at)).and(col('resolved_at').not())).select(lit(at).cast(pl.Int64).minus(col('created')).alias('d')),
  col('d'),
);
const t7 = performance.now();
const days = eligible
  .select(col('created').minus(col('created').modulo(lit(DAY_MS))).alias('day'))
  .groupBy('day')
  .agg(pl.len().alias('n'))
  .sort('day')
  .toRecords()
  .map((r) => [num(r.day), num(r.n)] as const);
const t8 = performance.now();
// The same rules per ticket (the edge cases only), for naming the ticket where an engine and the library differ.
const ok = col('ineligible').not();
const perTicketRows = perTicket
  ? facts
      .select(
        col('id'),
        pl.when(ok).then(pl.when(col('agent_created').and(col('first_qualifies'))).then(col('r2')).otherwise(col('r1')).minus(col('created'))).otherwise(lit(null)).alias('frt'),
        pl.when(ok.and(col('resolved_now'))).then(col('last_resolved').minus(col('created'))).otherwise(lit(null)).alias('res'),
        pl.when(col('resolved_now').and(ok).and(col('agent_created').not()).and(col('customers').greaterThan(lit(0))))
          .then(col('reopened').not().and(col('replies').eq(lit(1))).cast(pl.Int64)).otherwise(lit(null)).alias('fcr'),
        pl.when(ok.and(col('created').lessThanEquals(lit(at))).and(col('resolved_at').not())).then(lit(at).cast(pl.Int64).minus(col('created'))).otherwise(lit(null)).alias('age'),
      )
      .toRecords()
  : [];

printReport({
  engine: 'polars',
  version: `nodejs-polars ${polarsVersion}`,
  loadMs: t1 - t0,
  computeMs: t8 - t1,
  phases: { readJSON: t1 - t0, explode: t2 - t1, facts: t3 - t2, frt: t4 - t3, resolution: t5 - t4, fcr: t6 - t5, backlog: t7 - t6, volume: t8 - t7 },
  threads: Number(process.env.POLARS_MAX_THREADS ?? availableParallelism()),
  results: fiveNumbers({ tickets: tickets.height, frt, resolution, fcr: fcrRow, backlog, at, days }),
  ...(perTicket ? { perTicket: perTicketOf(perTicketRows) } : {}),
});
