/**
 * `helpdesk-metrics report` on every source, run as a child process on the importer fixtures written as the
 * files a user has (test/import/<vendor>/story.json as JSON and NDJSON, the exports as CSV, rows with a
 * mapping): the source is told from the shape, and the figures are those of the library's importer and
 * metrics called directly on the same records (the command adds no arithmetic of its own); the Zendesk story's
 * are also checked against the hand-computed numbers of test/import/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backlog,
  customerSatisfactionScore,
  firstContactResolution,
  firstResponseTime,
  fromChatwoot,
  fromFreshdesk,
  fromFreshdeskExport,
  fromHelpScout,
  fromIntercom,
  fromRows,
  fromZendesk,
  fromZendeskExport,
  resolutionTime,
  type CustomerSatisfactionScoreOptions,
  type FromRowsMapping,
  type ImportResult,
  type Ticket,
} from '../../src/index.js';
import zendeskStory from '../import/zendesk/story.json';
import zendeskExport from '../import/zendesk/export.json';
import freshdeskStory from '../import/freshdesk/story.json';
import freshdeskExport from '../import/freshdesk/export.json';
import intercomStory from '../import/intercom/story.json';
import helpscoutStory from '../import/helpscout/story.json';
import chatwootStory from '../import/chatwoot/story.json';
import sample from '../../examples/data/tickets.json';
import { cli, MIN, reportJson, scratch, toCsv, type JsonReport } from './support.js';

const TIMEOUT_MS = 30_000;
const AT = '2026-03-10T00:00:00Z';
const PARIS = 'Europe/Paris';

let dir: ReturnType<typeof scratch>;
const files: Record<string, string> = {};

/** Rows of a plain table with a mapping (`--source rows --map`): four tickets, times in minutes from 09:00 UTC. */
const ROWS = [
  { 'Ticket #': 'R-1', Opened: '2026-03-02T09:00:00Z', 'First answer': '2026-03-02T09:10:00Z', Closed: '2026-03-02T10:00:00Z', State: 'solved', Medium: 'email' },
  { 'Ticket #': 'R-2', Opened: '2026-03-02T09:00:00Z', 'First answer': '2026-03-02T09:30:00Z', Closed: '2026-03-02T13:00:00Z', State: 'closed', Medium: 'chat' },
  { 'Ticket #': 'R-3', Opened: '2026-03-02T09:00:00Z', 'First answer': '2026-03-02T10:00:00Z', Closed: '', State: 'open', Medium: 'email' },
  { 'Ticket #': 'R-4', Opened: '2026-03-02T09:00:00Z', 'First answer': '', Closed: '', State: 'new', Medium: 'web' },
];
const MAPPING: FromRowsMapping = {
  columns: { id: 'Ticket #', createdAt: 'Opened', firstRespondedAt: 'First answer', resolvedAt: 'Closed', status: 'State', channel: 'Medium' },
};

beforeAll(() => {
  dir = scratch('cli-sources');
  files.zendesk = dir.file('zendesk.json', JSON.stringify(zendeskStory));
  files.freshdesk = dir.file('freshdesk.json', JSON.stringify(freshdeskStory));
  files.intercom = dir.file('intercom.ndjson', `${intercomStory.conversations.map((c) => JSON.stringify(c)).join('\n')}\n`);
  files.helpscout = dir.file('helpscout.json', JSON.stringify({ _embedded: { conversations: helpscoutStory.conversations }, page: { number: 1 } }));
  files.chatwoot = dir.file('chatwoot.json', JSON.stringify(chatwootStory));
  files['zendesk-export'] = dir.file('zendesk-export.csv', toCsv(zendeskExport as Record<string, unknown>[]));
  files['freshdesk-export'] = dir.file('freshdesk-export.csv', toCsv(freshdeskExport as Record<string, unknown>[]));
  files.rows = dir.file('rows.csv', toCsv(ROWS));
  files.map = dir.file('map.json', JSON.stringify(MAPPING));
  files.model = dir.file('tickets.ndjson', `${(sample as unknown[]).map((t) => JSON.stringify(t)).join('\n')}\n`);
});

afterAll(() => dir?.remove());

/** The source's import, as the library gives it, and the CSAT options the command uses for it. */
const ORACLE: Record<string, { args: string[]; import: () => ImportResult; csat?: CustomerSatisfactionScoreOptions }> = {
  zendesk: { args: [], import: () => fromZendesk(zendeskStory), csat: { method: 'good-bad', scale: '1-2' } },
  freshdesk: { args: [], import: () => fromFreshdesk(freshdeskStory), csat: { scale: '1-7', satisfiedFrom: 5 } },
  intercom: { args: [], import: () => fromIntercom(intercomStory), csat: { scale: '1-5' } },
  helpscout: { args: [], import: () => fromHelpScout(helpscoutStory) },
  chatwoot: { args: [], import: () => fromChatwoot(chatwootStory), csat: { scale: '1-5' } },
  'zendesk-export': { args: ['--time-zone', PARIS], import: () => fromZendeskExport(zendeskExport, { timeZone: PARIS }), csat: { method: 'good-bad', scale: '1-2' } },
  'freshdesk-export': {
    args: ['--time-zone', PARIS, '--config', '<freshdesk-config>'],
    import: () => fromFreshdeskExport(freshdeskExport, { timeZone: PARIS, statusMap: { 'waiting on customer': 'pending' } }),
    csat: { scale: '1-7', satisfiedFrom: 5 },
  },
  rows: { args: ['--map', '<map>'], import: () => fromRows(ROWS, MAPPING) },
};

function expectLibraryFigures(r: JsonReport, tickets: readonly Ticket[], surveys: ImportResult['surveys'], csat: CustomerSatisfactionScoreOptions | undefined): void {
  const frt = firstResponseTime(tickets);
  const res = resolutionTime(tickets);
  const fcr = firstContactResolution(tickets, { at: AT });
  const bl = backlog(tickets, { at: AT });
  const m = r.metrics;
  expect(r.input.tickets).toBe(tickets.length);
  expect({ n: m.firstResponseTime.n, median: m.firstResponseTime.medianMs, p90: m.firstResponseTime.p90Ms, excluded: m.firstResponseTime.excluded.byReason }).toEqual({
    n: frt.count,
    median: frt.medianMs ?? null,
    p90: frt.percentilesMs.p90 ?? null,
    excluded: frt.excluded.byReason,
  });
  expect({ n: m.resolutionTime.n, median: m.resolutionTime.medianMs, mean: m.resolutionTime.meanMs }).toEqual({ n: res.count, median: res.medianMs ?? null, mean: res.meanMs ?? null });
  expect([m.firstContactResolution.numerator, m.firstContactResolution.denominator]).toEqual([fcr.numerator, fcr.denominator]);
  expect([m.backlog.count, m.backlog.aged]).toEqual([bl.count, bl.aged]);
  if (csat === undefined || (surveys ?? []).length === 0) expect(m.csat).toBeNull();
  else {
    const c = customerSatisfactionScore(surveys!, csat);
    expect([m.csat?.numerator, m.csat?.denominator]).toEqual([c.numerator, c.denominator]);
  }
}

describe('every source, told from the shape of its files', () => {
  it.each(Object.keys(ORACLE))('%s', async (source) => {
    const o = ORACLE[source]!;
    let args = o.args.map((a) => (a === '<map>' ? files.map! : a));
    if (args.includes('<freshdesk-config>')) {
      args = args.map((a) => (a === '<freshdesk-config>' ? dir.file('freshdesk-config.json', JSON.stringify({ import: { statusMap: { 'waiting on customer': 'pending' } } })) : a));
    }
    const r = await reportJson(['report', files[source]!, '--at', AT, ...args]);
    expect(r.input.source).toBe(source);
    const imported = o.import();
    expect(r.input.excluded.total).toBe(imported.excluded.total);
    expectLibraryFigures(r, imported.tickets, imported.surveys, o.csat);
  }, TIMEOUT_MS);

  it('model tickets (NDJSON), and --source given instead of detected', async () => {
    const detected = await reportJson(['report', files.model!, '--at', AT]);
    const given = await reportJson(['report', files.model!, '--at', AT, '--source', 'model']);
    expect(detected.input.source).toBe('model');
    expect(given).toEqual(detected);
    expectLibraryFigures(detected, sample as Ticket[], [], undefined);
  }, TIMEOUT_MS);

  it("the Zendesk story gives the README's hand-computed numbers", async () => {
    const r = await reportJson(['report', files.zendesk!, '--at', AT]);
    // FRT 40, 30, 75, 20 min (104 merged, 106 spam/deleted): median 35, n 4.
    expect(r.metrics.firstResponseTime.n).toBe(4);
    expect(r.metrics.firstResponseTime.medianMs).toBe(35 * MIN);
    // Full resolution 180, 4,500, 120, 120 min: median 150.
    expect(r.metrics.resolutionTime.n).toBe(4);
    expect(r.metrics.resolutionTime.medianMs).toBe(150 * MIN);
    // Ratings good (101) and bad (105) answered; offered: no answer; unoffered: not sent.
    expect([r.metrics.csat?.numerator, r.metrics.csat?.denominator]).toEqual([1, 2]);
  }, TIMEOUT_MS);

  it("each vendor's own CSAT: Freshdesk counts 101 (happy, 5 of its 1-7) as satisfied; the config file's surveys override it", async () => {
    const ratings = freshdeskStory.satisfactionRatings.map((r, i) => (i === 1 ? { ...r, ratings: { default_question: 101 } } : r));
    const file = dir.file('freshdesk-happy.json', JSON.stringify({ ...freshdeskStory, satisfactionRatings: ratings }));
    const r = await reportJson(['report', file, '--at', AT]);
    expect([r.metrics.csat?.numerator, r.metrics.csat?.denominator]).toEqual([2, 2]);
    const strict = dir.file('strict.json', JSON.stringify({ surveys: { satisfiedFrom: 6 } }));
    const s = await reportJson(['report', file, '--at', AT, '--config', strict]);
    expect([s.metrics.csat?.numerator, s.metrics.csat?.denominator]).toEqual([1, 2]);
  }, TIMEOUT_MS);

  it('rows with a mapping: the hand-computed figures', async () => {
    const r = await reportJson(['report', files.rows!, '--source', 'rows', '--map', files.map!, '--at', AT]);
    // FRT 10, 30, 60 min (R-4 unanswered); resolution 60, 240 min; backlog.
    expect(r.metrics.firstResponseTime.n).toBe(3);
    expect(r.metrics.firstResponseTime.medianMs).toBe(30 * MIN);
    expect(r.metrics.firstResponseTime.excluded.byReason).toEqual({ no_reply: 1 });
    expect(r.metrics.resolutionTime.medianMs).toBe(150 * MIN);
    expect(r.metrics.backlog.count).toBe(2);
  }, TIMEOUT_MS);

  it('several files of one source are read as one input', async () => {
    const half = (sample as unknown[]).length / 2;
    const a = dir.file('a.json', JSON.stringify((sample as unknown[]).slice(0, half)));
    const b = dir.file('b.ndjson', (sample as unknown[]).slice(half).map((t) => JSON.stringify(t)).join('\n'));
    const both = await reportJson(['report', a, b, '--at', AT]);
    const whole = await reportJson(['report', files.model!, '--at', AT]);
    expect(both.input.files.map((f) => [f.format, f.records])).toEqual([['json', half], ['ndjson', half]]);
    expect(both.metrics).toEqual(whole.metrics);
  }, TIMEOUT_MS);
});
