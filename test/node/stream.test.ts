/**
 * runMetricsOnFile on generated files, with real worker threads (run from the sources: the worker registers
 * tsx): results equal the one-shot metrics over the parsed records in file order; bad lines, library errors
 * and duplicate ids across chunks name the file and the line; progress is monotone and ends with the totals.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { MetricsError, type MetricPlan, type Ticket } from '../../src/index.js';
import { MetricsFileError, runMetricsOnFile, type StreamProgress } from '../../src/node/index.js';
import { generateTickets } from '../../bench/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'hm-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FROM = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;
const T = 60_000; // every streaming test: workers start from the sources

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function planOf(invalid: 'throw' | 'exclude'): MetricPlan {
  return {
    frt: { metric: 'firstResponseTime', options: { by: 'channel', invalid } },
    full: { metric: 'resolutionTime', options: { by: 'channel', invalid } },
    fcr: { metric: 'firstContactResolution', options: { invalid } },
    first: { metric: 'resolutionTime', options: { resolution: 'first', invalid } },
    resolved: { metric: 'resolutionRate', options: { by: 'channel', invalid } },
    reopened: { metric: 'reopenRate', options: { invalid } },
    backlog: { metric: 'backlog', options: { at: FROM + 20 * DAY, by: 'channel', invalid } },
    volume: { metric: 'ticketVolume', options: { interval: 'day', timeZone: 'UTC', invalid } },
    replies: { metric: 'interactionsPerTicket', options: { invalid } },
    art: { metric: 'averageResponseTime', options: { invalid } },
  };
}

/** The one-shot results of a plan over `records`. */
function oneShot(plan: MetricPlan, records: readonly unknown[]): Record<string, unknown> {
  const fns = lib as unknown as Record<string, (r: readonly unknown[], o?: object) => unknown>;
  return Object.fromEntries(Object.entries(plan).map(([k, e]) => [k, fns[e.metric as string]!(records, e.options)]));
}

const tickets: Ticket[] = generateTickets(400, 14, { days: 40, startMs: FROM });

describe('runMetricsOnFile', () => {
  it('exclude: bad lines are undefined records (and badLines), duplicates across chunks as one-shot, CRLF and blank lines', async () => {
    // Lines: tickets with a bad line every 37, a blank line every 50, CRLF on odd tickets, and ten tickets
    // repeated (same id, later) far from the first copy: they fall in other chunks.
    const lines: string[] = [];
    const parsed: unknown[] = [];
    const bad: { line: number; position: number; recordId: string | undefined }[] = [];
    const push = (text: string, record: unknown): void => {
      lines.push(text);
      parsed.push(record);
    };
    tickets.forEach((t, i) => {
      if (i % 50 === 0) lines.push('');
      if (i % 37 === 5) {
        bad.push({ line: lines.length + 1, position: parsed.length, recordId: String(t.id) });
        push(`{"id": ${JSON.stringify(t.id)}, "createdAt": oops}`, undefined);
      }
      push(JSON.stringify(t) + (i % 2 === 1 ? '\r' : ''), t);
    });
    for (let i = 0; i < 10; i++) push(JSON.stringify({ ...tickets[i * 3]!, channel: 'web' }), { ...tickets[i * 3]!, channel: 'web' });
    // A record with an invalid createdAt (the library excludes it) and a numeric id equal to a string one.
    push(JSON.stringify({ ...tickets[1]!, id: 'late', createdAt: 'yesterday' }), { ...tickets[1]!, id: 'late', createdAt: 'yesterday' });
    push(JSON.stringify({ ...tickets[2]!, id: 7 }), { ...tickets[2]!, id: 7 });
    push(JSON.stringify({ ...tickets[3]!, id: '7' }), { ...tickets[3]!, id: '7' });
    const file = write('exclude.ndjson', lines.join('\n') + '\n');
    const plan = planOf('exclude');
    const expected = oneShot(plan, parsed);
    const r = await runMetricsOnFile(file, plan, { threads: 2, chunkBytes: 8192 });
    expect(r.results).toEqual(expected);
    expect(r.records).toBe(parsed.length);
    expect(r.format).toBe('ndjson');
    expect(r.threads).toBe(2);
    expect(r.badLines.map((b) => ({ line: b.line, position: b.position, recordId: b.recordId }))).toEqual(bad);
    expect(r.badLines.every((b) => b.file === file && b.message.startsWith('not valid JSON'))).toBe(true);
    // The duplicates were found (the later copies), the bad lines are invalid_record with #position labels.
    const ex = (expected.frt as { excluded: { ids: Record<string, string[]> } }).excluded.ids;
    expect(ex['invalid:duplicate_id']).toEqual([...Array.from({ length: 10 }, (_, i) => String(tickets[i * 3]!.id)), '7']);
    expect(ex['invalid:invalid_record']).toEqual(bad.map((b) => `#${b.position}`));
  }, T);

  it('throw: a bad line → MetricsFileError naming the file, the line and the id', async () => {
    const lines = tickets.slice(0, 200).map((t) => JSON.stringify(t));
    lines.splice(150, 0, '{"id": "T-broken", "createdAt": }');
    const file = write('bad.ndjson', lines.join('\n'));
    const e = await runMetricsOnFile(file, planOf('throw'), { threads: 2, chunkBytes: 2048 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MetricsFileError);
    expect(e).toBeInstanceOf(MetricsError);
    const err = e as MetricsFileError;
    expect([err.code, err.file, err.line, err.recordId, err.recordIndex]).toEqual(['invalid_record', file, 151, 'T-broken', 150]);
    expect(err.message).toMatch(new RegExp(`not valid JSON.* at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:151$`));
  }, T);

  it('throw: a library error for a record keeps its code, field, rule and id, with the file and line', async () => {
    const records = tickets.slice(0, 300).map((t) => ({ ...t }));
    records[222] = { ...records[222]!, createdAt: 'not a time' };
    const file = write('libError.ndjson', '\n' + records.map((t) => JSON.stringify(t)).join('\n'));
    const plan = planOf('throw');
    let expected: MetricsError | undefined;
    try {
      oneShot(plan, records);
    } catch (x) {
      expected = x as MetricsError;
    }
    expect(expected).toBeInstanceOf(MetricsError);
    const err = (await runMetricsOnFile(file, plan, { threads: 2, chunkBytes: 4096 }).catch((x: unknown) => x)) as MetricsFileError;
    expect(err).toBeInstanceOf(MetricsFileError);
    expect([err.code, err.field, err.rule, err.recordId, err.recordIndex, err.functionName]).toEqual([expected!.code, expected!.field, expected!.rule, expected!.recordId, 222, expected!.functionName]);
    expect([err.file, err.line]).toEqual([file, 224]);
    expect(err.message).toBe(`${expected!.message} at ${file}:224`);
  }, T);

  it('duplicates across chunks (tiny chunks, 2 threads): exclude equals one-shot, throw names the later record', async () => {
    const records: Ticket[] = [...tickets.slice(0, 120), ...tickets.slice(0, 120).filter((_, i) => i % 7 === 0).map((t) => ({ ...t, channel: 'chat' })), ...tickets.slice(120, 160)];
    const file = write('dups.ndjson', records.map((t) => JSON.stringify(t)).join('\n'));
    const plan = planOf('exclude');
    const r = await runMetricsOnFile(file, plan, { threads: 2, chunkBytes: 64 });
    expect(r.results).toEqual(oneShot(plan, records));
    const err = (await runMetricsOnFile(file, planOf('throw'), { threads: 2, chunkBytes: 64 }).catch((x: unknown) => x)) as MetricsFileError;
    expect(err).toBeInstanceOf(MetricsFileError);
    expect([err.code, err.recordIndex, err.recordId, err.line]).toEqual(['duplicate_id', 120, String(tickets[0]!.id), 121]);
    // trustIds: the caller says ids are unique; a duplicate in another chunk is then not looked for.
    const trusted = await runMetricsOnFile(file, plan, { threads: 2, chunkBytes: 64, trustIds: true });
    expect(trusted.records).toBe(records.length);
  }, T);

  it('a JSON array (pretty-printed, strings with brackets and escapes) gives the one-shot results; a file: URL works', async () => {
    const records = tickets.slice(0, 150).map((t, i) => ({ ...t, subject: i % 3 === 0 ? 'a "quoted" ], {brace}, and\nnewline' : 'ok' }));
    const file = write('array.json', JSON.stringify(records, null, 2));
    const plan = planOf('throw');
    const r = await runMetricsOnFile(pathToFileURL(file), plan, { threads: 2, chunkBytes: 3000 });
    expect(r.format).toBe('json');
    expect(r.results).toEqual(oneShot(plan, records));
    // A broken element under exclude: one bad record, the rest read.
    const text = JSON.stringify(records.slice(0, 20), null, 2).replace('"subject": "ok"', '"subject": ok');
    const r2 = await runMetricsOnFile(write('array-bad.json', text), planOf('exclude'), { threads: 1, chunkBytes: 1000 });
    expect(r2.records).toBe(20);
    expect(r2.badLines).toHaveLength(1);
    expect(r2.badLines[0]!.position).toBe(1);
  }, T);

  it('a JSON array that is not closed: badLines under exclude, MetricsFileError under throw', async () => {
    const records = tickets.slice(0, 10);
    const text = JSON.stringify(records).slice(0, -1);
    const file = write('open.json', text);
    const r = await runMetricsOnFile(file, planOf('exclude'), { threads: 2 });
    expect(r.records).toBe(10);
    expect(r.results).toEqual(oneShot(planOf('exclude'), records));
    expect(r.badLines).toEqual([{ file, line: 1, position: undefined, message: "the file ends before the JSON array's closing ']'", recordId: undefined }]);
    const err = (await runMetricsOnFile(file, planOf('throw'), { threads: 2 }).catch((x: unknown) => x)) as MetricsFileError;
    expect([err.code, err.field, err.line]).toEqual(['invalid_argument', 'file', 1]);
  }, T);

  it('progress: at most every interval, monotone, the last call with the totals; an empty file has no records', async () => {
    const file = write('progress.ndjson', tickets.map((t) => JSON.stringify(t)).join('\n') + '\n');
    const calls: StreamProgress[] = [];
    const r = await runMetricsOnFile(file, planOf('throw'), { threads: 2, chunkBytes: 4096, progressIntervalMs: 0, onProgress: (p) => calls.push(p) });
    expect(calls.length).toBeGreaterThan(2);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]!.records).toBeGreaterThanOrEqual(calls[i - 1]!.records);
      expect(calls[i]!.bytes).toBeGreaterThanOrEqual(calls[i - 1]!.bytes);
      expect(calls[i]!.elapsedMs).toBeGreaterThanOrEqual(calls[i - 1]!.elapsedMs);
    }
    const last = calls.at(-1)!;
    expect([last.records, last.bytes, last.totalBytes]).toEqual([tickets.length, r.bytes, r.bytes]);
    // A long interval: only the final call.
    const few: StreamProgress[] = [];
    await runMetricsOnFile(file, planOf('throw'), { threads: 2, chunkBytes: 4096, progressIntervalMs: 1e9, onProgress: (p) => few.push(p) });
    expect(few.map((p) => p.records)).toEqual([tickets.length]);
    const empty = await runMetricsOnFile(write('empty.ndjson', ''), planOf('throw'), { threads: 2 });
    expect(empty.records).toBe(0);
    expect(empty.results).toEqual(oneShot(planOf('throw'), []));
  }, T);

  it('a plan that cannot cross to a worker, bad options, a missing file → MetricsError before a worker starts', async () => {
    const file = write('one.ndjson', JSON.stringify(tickets[0]));
    const code = async (p: Promise<unknown>): Promise<[string, string | undefined]> => {
      const e = (await p.catch((x: unknown) => x)) as MetricsError;
      expect(e).toBeInstanceOf(MetricsError);
      return [e.code, e.field];
    };
    expect(await code(runMetricsOnFile(file, { frt: { metric: 'firstResponseTime', options: { by: ['channel', (t: Ticket) => t.priority ?? null] } } } as never))).toEqual(['invalid_option', 'plan.frt.options.by[1]']);
    expect(await code(runMetricsOnFile(file, { frt: { metric: lib.firstResponseTime } }))).toEqual(['invalid_option', 'plan.frt.metric']);
    expect(await code(runMetricsOnFile(file, { 'a b': { metric: 'firstResponseTime', options: { isQualifyingReply: () => true } } } as never))).toEqual(['invalid_option', 'plan["a b"].options.isQualifyingReply']);
    expect(await code(runMetricsOnFile(file, { a: { metric: 'firstResponseTime' }, b: { metric: 'resolutionRate', options: { invalid: 'exclude' } } }))).toEqual(['invalid_option', 'plan.b.options.invalid']);
    expect(await code(runMetricsOnFile(file, { a: { metric: 'firstResponseTimes' as never } }))).toEqual(['invalid_argument', 'plan.a.metric']);
    expect(await code(runMetricsOnFile(file, planOf('throw'), { thread: 2 } as never))).toEqual(['invalid_option', 'thread']);
    expect(await code(runMetricsOnFile(file, planOf('throw'), { threads: 0 }))).toEqual(['invalid_option', 'threads']);
    expect(await code(runMetricsOnFile(file, planOf('throw'), { format: 'csv' as never }))).toEqual(['invalid_option', 'format']);
    expect(await code(runMetricsOnFile(join(dir, 'missing.ndjson'), planOf('throw')))).toEqual(['invalid_argument', 'file']);
  }, T);
});
