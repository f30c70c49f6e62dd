/**
 * Bad input and bad options, as a user meets them: one message on stderr naming the file, the line, the
 * column or the option (and what would be right), a non-zero exit code (1 input, 2 options), nothing on
 * stdout, and no output file half-written (an existing one is left as it was, no temporary file left behind).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sample from '../../examples/data/tickets.json';
import { cli, scratch } from './support.js';

const TIMEOUT_MS = 30_000;
let dir: ReturnType<typeof scratch>;
let good = '';

beforeAll(() => {
  dir = scratch('cli-errors');
  good = dir.file('good.ndjson', (sample as unknown[]).slice(0, 20).map((t) => JSON.stringify(t)).join('\n'));
});
afterAll(() => dir?.remove());

/** Runs the bin and checks the shape of a failure: the code, one line on stderr, nothing on stdout. */
async function fails(args: string[], code: number, stdin?: string): Promise<string> {
  const r = await cli(args, stdin === undefined ? {} : { stdin });
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code, stdout: '' });
  expect(r.stderr.startsWith('helpdesk-metrics: ')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
}

describe.concurrent('bad input: exit code 1 and a message naming where', () => {
  it('a missing file', async () => {
    expect(await fails(['report', join(dir.dir, 'nope.json')], 1)).toBe(`helpdesk-metrics: ${join(dir.dir, 'nope.json')}: no such file`);
  }, TIMEOUT_MS);

  it('an unreadable line of an NDJSON file', async () => {
    const lines = (sample as unknown[]).slice(0, 5).map((t) => JSON.stringify(t));
    lines.splice(2, 0, '{"id": "T-x", "createdAt": ');
    const file = dir.file('broken.ndjson', lines.join('\n'));
    expect(await fails(['report', file], 1)).toMatch(new RegExp(`^helpdesk-metrics: ${file} line 3: not valid JSON: `));
  }, TIMEOUT_MS);

  it('an unreadable JSON document names its line', async () => {
    const file = dir.file('broken.json', '[\n  {"id": 1, "createdAt": "2026-01-01T00:00:00Z"},\n  {"id": 2,, }\n]');
    expect(await fails(['report', file], 1)).toMatch(new RegExp(`^helpdesk-metrics: ${file} line 3: not valid JSON: `));
  }, TIMEOUT_MS);

  it('a CSV row with a cell too many', async () => {
    const file = dir.file('rows.csv', 'Id,Created at,Via,Submitter,Requester\n1,2026-03-02 10:00,Mail,a,a\n2,2026-03-02 11:00,Mail,a,a,extra\n');
    expect(await fails(['report', file, '--time-zone', 'UTC'], 1)).toMatch(new RegExp(`^helpdesk-metrics: ${file} line 3: unreadable CSV: `));
  }, TIMEOUT_MS);

  it('an unknown column in --map', async () => {
    const file = dir.file('plain.csv', 'ref,opened\nA,2026-03-02T10:00:00Z\n');
    const map = dir.file('map.json', JSON.stringify({ columns: { id: 'ref', createdAt: 'created' } }));
    expect(await fails(['report', file, '--source', 'rows', '--map', map], 1)).toBe(
      `helpdesk-metrics: ${file}: unknown column: --map ${map} columns.createdAt names column "created", which the header does not have (it has ref, opened)`,
    );
  }, TIMEOUT_MS);

  it('a bad record names its file, line and id, and how to go on', async () => {
    const lines = (sample as unknown[]).slice(0, 5).map((t) => JSON.stringify(t));
    lines[3] = JSON.stringify({ id: 'T-881', createdAt: '2026-03-01T10:00:00Z', events: [{ type: 'message', at: '2026-03-01T09:00:00Z', author: 'agent' }] });
    const file = dir.file('bad-record.ndjson', lines.join('\n'));
    expect(await fails(['report', file], 1)).toBe(
      `helpdesk-metrics: ${file} line 4 (id "T-881"): events[0].at: reply at 2026-03-01T09:00:00.000Z precedes createdAt 2026-03-01T10:00:00.000Z [event_before_creation]; --invalid exclude lists such records and goes on`,
    );
    const r = await cli(['report', file, '--invalid', 'exclude', '--format', 'json', '-q', '--at', '2026-03-01T00:00:00Z']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { metrics: { firstResponseTime: { excluded: { byReason: Record<string, number> } } } };
    expect(report.metrics.firstResponseTime.excluded.byReason['invalid:event_before_creation']).toBe(1);
  }, TIMEOUT_MS);

  it('records of no known shape ask for --source', async () => {
    const file = dir.file('odd.json', JSON.stringify([{ foo: 1, bar: [1] }]));
    expect(await fails(['report', file], 1)).toMatch(/odd\.json: cannot tell which helpdesk it comes from: its records \(keys: foo, bar\) .*; give --source \(one of zendesk, /);
  }, TIMEOUT_MS);

  it('an export without its time zone says to pass --time-zone', async () => {
    const file = dir.file('export.csv', 'Id,Created at,Via,Submitter,Requester,Status\n1,2026-03-02 10:00:00,Mail,a,a,Open\n');
    expect(await fails(['report', file], 1)).toContain(`${file} line 2 (id "1"): Created at: "2026-03-02 10:00:00" has no UTC offset; add 'Z' or an offset, or pass --time-zone (the account's zone)`);
  }, TIMEOUT_MS);
});

describe.concurrent('bad options: exit code 2', () => {
  it.each([
    [['report', 'x.json', '--formt', 'json'], 'unknown option --formt (did you mean --format?); see helpdesk-metrics --help'],
    [['report', 'x.json', '--format', 'xml'], '--format must be one of table, json, csv, markdown, html, got "xml"'],
    [['report', 'x.json', '--by', 'chanel'], '--by: unknown dimension "chanel" (did you mean channel?); dimensions: channel, priority, assigneeId, groupId, requesterId, tags, createdBy, firstResponder, assignee, hour, day, week, month, fields.<custom field>'],
    [['report', 'x.json', '--period', '2026-01-01'], '--period must be FROM..TO (such as 2026-01-01..2026-04-01), got "2026-01-01"'],
    [['report', 'x.json', '--period', '2026-04-01..2026-01-01'], '--period: FROM (2026-04-01T00:00:00.000Z) must be before TO (2026-01-01T00:00:00.000Z)'],
    [['report', 'x.json', '--at', 'yesterday'], '--at: "yesterday" is not a date (2026-01-01) or an ISO instant (2026-01-01T09:00:00Z)'],
    [['report', 'x.json', '--time-zone', 'Mars/Olympus'], '--time-zone: unknown time zone "Mars/Olympus" (an IANA name such as Europe/Paris or America/New_York)'],
    [['report', 'x.json', '--source', 'zendsk'], '--source must be one of zendesk, zendesk-export, freshdesk, freshdesk-export, intercom, helpscout, chatwoot, model, rows, got "zendsk" (did you mean zendesk?)'],
    [['reprt', 'x.json'], 'unknown command "reprt" (did you mean report?); the command is: helpdesk-metrics report <files…>'],
  ])('%j', async (args, message) => {
    expect(await fails(args, 2)).toBe(`helpdesk-metrics: ${message}`);
  }, TIMEOUT_MS);

  it('a bad SLA policy or schedule names the file and the rule', async () => {
    const sla = dir.file('sla.json', JSON.stringify({ targets: { urgent: { firstReply: '1 hour' } } }));
    expect(await fails(['report', good, '--sla', sla], 2)).toBe(
      `helpdesk-metrics: --sla ${sla}: targets.urgent.firstReply must be a duration such as '30m', '4h', '1h30m', '2d' or a number of milliseconds, got "1 hour"`,
    );
    const schedule = dir.file('schedule.json', JSON.stringify({ timeZone: 'Europe/Paris', weekly: { mon: [['09:00', '17:00']] }, holidayz: [] }));
    expect(await fails(['report', good, '--schedule', schedule], 2)).toMatch(new RegExp(`^helpdesk-metrics: --schedule ${schedule}: .*holidayz`));
  }, TIMEOUT_MS);

  it('an unknown key in the config file', async () => {
    const config = dir.file('config.json', JSON.stringify({ timezone: 'UTC' }));
    expect(await fails(['report', good, '--config', config], 2)).toMatch(new RegExp(`^helpdesk-metrics: --config ${config}: unknown key "timezone" \\(did you mean timeZone\\?\\)`));
  }, TIMEOUT_MS);
});

describe('nothing half-written', () => {
  it('a failing run leaves --out and --excluded as they were, and no temporary file', async () => {
    const out = dir.file('kept.json', 'previous report\n');
    const excluded = dir.file('kept-excluded.csv', 'previous list\n');
    const bad = dir.file('bad.ndjson', `${JSON.stringify((sample as unknown[])[0])}\nnot json\n`);
    const before = readdirSync(dir.dir).sort();
    await fails(['report', bad, '--out', out, '--excluded', excluded], 1);
    expect(readFileSync(out, 'utf8')).toBe('previous report\n');
    expect(readFileSync(excluded, 'utf8')).toBe('previous list\n');
    expect(readdirSync(dir.dir).sort()).toEqual(before);
    const ok = await cli(['report', good, '--out', out, '-q', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ tool: 'helpdesk-metrics' });
    expect(readdirSync(dir.dir).sort()).toEqual(before);
  }, TIMEOUT_MS);
});
