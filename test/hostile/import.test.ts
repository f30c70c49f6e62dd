/**
 * Hostile inputs for the importers: the standard properties (any value in any argument, any options object,
 * every option given any value, every option key with a typo), and hostile records in every collection: a
 * result that accounts for every input record (imported + excluded = input, per collection) or a MetricsError.
 */
import fc from 'fast-check';
import { it } from 'vitest';
import {
  fromChatwoot,
  fromFreshdesk,
  fromFreshdeskExport,
  fromHelpScout,
  fromIntercom,
  fromRows,
  fromZendesk,
  fromZendeskExport,
} from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import chatwootStory from '../import/chatwoot/story.json';
import freshdeskRows from '../import/freshdesk/export.json';
import freshdeskStory from '../import/freshdesk/story.json';
import helpscoutStory from '../import/helpscout/story.json';
import intercomStory from '../import/intercom/story.json';
import zendeskRows from '../import/zendesk/export.json';
import zendeskStory from '../import/zendesk/story.json';
import { copyData } from './arbitraries.js';
import { dataValueArb, hostileValueArb } from './arbitraries.js';
import { describeHostile, documentedOptions, expectContract, PROPERTY_TIMEOUT, standardProperties, type FnSpec } from './harness.js';

const READ = { invalid: 'exclude', statusMap: { waiting: 'pending' }, channelMap: { web: 'web' } } as const;

type Importer = (input: unknown, options?: unknown) => unknown;

function importerSpec(name: string, f: Importer, input: () => unknown, options: Record<string, unknown>, base: Record<string, unknown> = {}): FnSpec {
  return { name, call: (a, o) => f(a, o), arity: 2, valid: () => [input()], optionsIndex: 1, options: documentedOptions(name, options), base };
}

const SPECS: readonly FnSpec[] = [
  importerSpec('fromZendesk', fromZendesk as Importer, () => copyData(zendeskStory), { ...READ, spamTags: ['spam'] }),
  importerSpec('fromZendeskExport', fromZendeskExport as Importer, () => copyData(zendeskRows), { ...READ, timeZone: 'Europe/Paris', dateFormat: 'YYYY-MM-DD HH:mm:ss', spamTags: ['spam'] }, { timeZone: 'Europe/Paris' }),
  importerSpec('fromFreshdesk', fromFreshdesk as Importer, () => copyData(freshdeskStory), { ...READ }),
  importerSpec('fromFreshdeskExport', fromFreshdeskExport as Importer, () => copyData(freshdeskRows), { ...READ, timeZone: 'Europe/Paris', dateFormat: 'YYYY-MM-DD HH:mm:ss' }, { timeZone: 'Europe/Paris', statusMap: { 'waiting on customer': 'pending' } }),
  importerSpec('fromIntercom', fromIntercom as Importer, () => copyData(intercomStory), { ...READ }),
  importerSpec('fromHelpScout', fromHelpScout as Importer, () => copyData(helpscoutStory), { ...READ }),
  importerSpec('fromChatwoot', fromChatwoot as Importer, () => copyData(chatwootStory), { ...READ, activityStatus: () => undefined }),
];

/** Every collection of the result: imported + excluded = input. */
function accounted(fn: string, r: unknown): void {
  const counts = (r as { counts?: ReadonlyArray<{ collection: string; input: number; imported: number; excluded: number }> }).counts;
  if (!Array.isArray(counts)) throw new Error(`${fn}: no counts in the result`);
  for (const c of counts) {
    if (c.imported + c.excluded !== c.input) throw new Error(`${fn}: ${c.collection}: ${c.imported} imported + ${c.excluded} excluded ≠ ${c.input} given`);
  }
}

/** A valid input whose records are replaced, one collection at a time, by hostile values. */
function hostileCollections(input: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(input).filter((k) => Array.isArray(input[k]));
  return fc.record({ key: fc.constantFrom(...keys), at: fc.nat(), value: fc.oneof(hostileValueArb, dataValueArb), mode: fc.constantFrom('replace', 'insert', 'field') }).map(({ key, at, value, mode }) => {
    const copy = copyData(input) as Record<string, unknown[]>;
    const list = copy[key] as unknown[];
    const i = list.length === 0 ? 0 : at % list.length;
    if (mode === 'insert' || list.length === 0) list.splice(i, 0, value);
    else if (mode === 'replace') list[i] = value;
    else {
      const rec = list[i];
      if (rec !== null && typeof rec === 'object') {
        const fields = Object.keys(rec);
        const f = fields[at % Math.max(1, fields.length)] ?? 'id';
        (rec as Record<string, unknown>)[f] = value;
      }
    }
    return copy;
  });
}

function hostileImporter(name: string): void {
  const spec = SPECS.find((s) => s.name === name) as FnSpec;
  {
    standardProperties(spec);
    it('hostile records in every collection (both invalid modes): a result that accounts for every record, or a MetricsError', () => {
      const input = spec.valid()[0] as Record<string, unknown>;
      const arb = Array.isArray(input)
        ? fc.record({ at: fc.nat(), value: fc.oneof(hostileValueArb, dataValueArb) }).map(({ at, value }) => {
            const rows = copyData(input) as unknown[];
            rows.splice(at % (rows.length + 1), 0, value);
            return rows;
          })
        : hostileCollections(input);
      fc.assert(
        fc.property(arb, fc.constantFrom('throw' as const, 'exclude' as const), (records, invalid) => {
          const outcome = expectContract(spec.name, () => spec.call(records, { ...copyData(spec.base ?? {}), invalid }));
          if (outcome.kind === 'result') accounted(spec.name, outcome.value);
        }),
        fcParams(150),
      );
    }, PROPERTY_TIMEOUT);
  }
}

describeHostile('fromZendesk', () => hostileImporter('fromZendesk'));
describeHostile('fromZendeskExport', () => hostileImporter('fromZendeskExport'));
describeHostile('fromFreshdesk', () => hostileImporter('fromFreshdesk'));
describeHostile('fromFreshdeskExport', () => hostileImporter('fromFreshdeskExport'));
describeHostile('fromIntercom', () => hostileImporter('fromIntercom'));
describeHostile('fromHelpScout', () => hostileImporter('fromHelpScout'));
describeHostile('fromChatwoot', () => hostileImporter('fromChatwoot'));

const ROWS = [
  { Ref: 'A1', Opened: '2026-03-02T09:00:00Z', 'First answer': '2026-03-02T09:30:00Z', State: 'done', Replies: '1', Channel: 'email', Plan: 'gold' },
  { Ref: 'A2', Opened: '2026-03-02T10:00:00Z', State: 'open', Channel: 'chat', Plan: '' },
];
const MAPPING = {
  kind: 'tickets',
  columns: { id: 'Ref', createdAt: 'Opened', firstRespondedAt: 'First answer', status: 'State', agentReplies: 'Replies', channel: 'Channel' },
  eventColumns: undefined, // only with kind: 'events' (that form is covered by test/import/rows.test.ts)
  time: 'iso',
  timeZone: 'UTC',
  statuses: { done: 'solved', open: 'open' },
  roles: { staff: 'agent' },
  types: { note: 'message' },
  fields: ['Plan'],
  invalid: 'exclude',
} as const;

describeHostile('fromRows', () => {
  const spec: FnSpec = {
    name: 'fromRows',
    call: (rows, mapping) => fromRows(rows as never, mapping as never),
    arity: 2,
    valid: () => [copyData(ROWS)],
    optionsIndex: 1,
    options: documentedOptions('fromRows', MAPPING),
    base: { columns: MAPPING.columns, time: 'iso', statuses: MAPPING.statuses },
  };
  standardProperties(spec);
  it('hostile rows (both invalid modes): a result that accounts for every row, or a MetricsError', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hostileValueArb, dataValueArb, fc.constant(ROWS[0])), { maxLength: 6 }), fc.constantFrom('throw' as const, 'exclude' as const), (rows, invalid) => {
        const outcome = expectContract('fromRows', () => fromRows(rows as never, { columns: MAPPING.columns, time: 'iso', statuses: MAPPING.statuses, invalid } as never));
        if (outcome.kind === 'result') accounted('fromRows', outcome.value);
      }),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);
});
