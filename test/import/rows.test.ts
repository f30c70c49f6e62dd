import { describe, expect, it } from 'vitest';
import { fromRows } from '../../src/import/rows/index.js';
import { caught, expectAccounted, expectValidModel, ms, storyNumbers, ticketById } from './support.js';

describe('fromRows: ticket rows', () => {
  const mapping = {
    columns: { id: 'Ref', createdAt: 'Opened', firstRespondedAt: 'First answer', resolvedAt: 'Closed', status: 'State', agentReplies: 'Replies', createdBy: 'Opened by', channel: 'Channel', spam: 'Junk' },
    time: { format: 'DD/MM/YYYY HH:mm' },
    timeZone: 'Europe/Berlin',
    statuses: { Done: 'solved', 'Waiting for customer': 'pending' },
    roles: { staff: 'agent', client: 'customer' },
    fields: ['Plan'],
  } as const;
  const rows = [
    { Ref: 'A1', Opened: '02/03/2026 09:00', 'First answer': '02/03/2026 09:30', Closed: '02/03/2026 11:00', State: 'DONE', Replies: '1', 'Opened by': 'Client', Channel: 'E-mail', Junk: 'no', Plan: 'gold' },
    { Ref: 'A2', Opened: '02/03/2026 10:00', State: 'waiting for customer', 'Opened by': 'staff', Channel: 'Pigeon', Junk: 'yes', Plan: '' },
    { Ref: '', Opened: '', State: '', Replies: '' },
  ];
  const result = fromRows(rows, mapping);

  it('columns, a local date format in a zone, case-insensitive vocabularies', () => {
    expectAccounted(result);
    expectValidModel(result.tickets);
    expect(storyNumbers(ticketById(result.tickets, 'A1'))).toEqual({ frt: 30, first: 120, full: 120, reopened: false });
    expect(ticketById(result.tickets, 'A1')).toMatchObject({ createdAt: ms('2026-03-02T08:00:00Z'), status: 'solved', createdBy: 'customer', channel: 'email', spam: false, fields: { Plan: 'gold' } });
    expect(ticketById(result.tickets, 'A2')).toMatchObject({ status: 'pending', createdBy: 'agent', channel: 'Pigeon', spam: true, fields: { Plan: null } });
    expect(result.excluded.byReason).toEqual({ empty_row: 1 });
    expect(result.warnings.map((w) => w.code)).toEqual(['channel_unmapped']);
  });

  it('epoch units: seconds, and milliseconds that are really seconds', () => {
    const s = fromRows([{ id: 1, at: '1772442000', first: 1772444400 }], { columns: { id: 'id', createdAt: 'at', firstRespondedAt: 'first' }, time: 's' });
    expect(s.tickets[0]).toMatchObject({ createdAt: 1772442000000, firstRespondedAt: 1772444400000 });
    const e = caught(() => fromRows([{ id: 1, at: 1772442000 }], { columns: { id: 'id', createdAt: 'at' }, time: 'ms' }));
    expect([e.code, e.field]).toEqual(['epoch_seconds', 'at']);
  });

  it('no zone is guessed; unknown mapping keys and columns are errors', () => {
    const { timeZone: _zone, ...noZone } = mapping;
    expect(caught(() => fromRows(rows, noZone)).code).toBe('missing_offset');
    expect(caught(() => fromRows(rows, { ...mapping, timezone: 'UTC' } as never)).code).toBe('invalid_option');
    const bad = caught(() => fromRows(rows, { ...mapping, columns: { ...mapping.columns, firstReply: 'x' } } as never));
    expect([bad.code, bad.field]).toEqual(['invalid_option', 'columns.firstReply']);
    expect(caught(() => fromRows(rows, { columns: { id: 'Ref' } } as never)).field).toBe('columns.createdAt');
    expect(caught(() => fromRows(rows, { ...mapping, statuses: { done: 'finished' } } as never)).field).toBe('statuses.done');
  });

  it("an unknown status is an error, or an exclusion under invalid: 'exclude'", () => {
    const r = fromRows([{ Ref: 'X', Opened: '02/03/2026 09:00', State: 'Archived' }], { ...mapping, invalid: 'exclude' });
    expectAccounted(r);
    expect(r.excluded.records).toEqual([{ reason: 'invalid:unknown_status', record: { collection: 'rows', index: 0, id: 'X' }, detail: 'State: "Archived" is not a known status; map it with the statuses option' }]);
  });
});

describe('fromRows: event rows', () => {
  const events = [
    { ticket: 'T1', when: '2026-03-02T09:00:00Z', who: 'Requester', kind: 'Comment' },
    { ticket: 'T1', when: '2026-03-02T09:10:00Z', who: 'Admin', kind: 'Note' },
    { ticket: 'T1', when: '2026-03-02T09:40:00Z', who: 'Admin', kind: 'Comment', visibility: 'public' },
    { ticket: 'T1', when: '2026-03-02T12:00:00Z', kind: 'Status', state: 'Solved', channel: 'chat' },
    { ticket: 'T1', when: '2026-03-03T08:00:00Z', who: 'requester', kind: 'comment' },
    { ticket: 'T1', when: '2026-03-03T08:00:00Z', kind: 'status', state: 'open' },
    { ticket: 'T1', when: '2026-03-03T09:00:00Z', kind: 'status', state: 'solved' },
    { ticket: 'T2', when: '2026-03-02T10:00:00Z', who: 'customer', kind: 'comment' },
  ];
  const mapping = {
    kind: 'events',
    columns: { id: 'ticket', channel: 'channel' },
    eventColumns: { at: 'when', author: 'who', type: 'kind', public: 'visibility', status: 'state' },
  } as const;

  it('groups events into tickets; notes are internal; statuses and reopens replay', () => {
    const r = fromRows(events, mapping);
    expectAccounted(r);
    expectValidModel(r.tickets);
    expect(storyNumbers(ticketById(r.tickets, 'T1'))).toEqual({ frt: 40, first: 180, full: 1440, reopened: true });
    expect(ticketById(r.tickets, 'T1')).toMatchObject({ createdAt: ms('2026-03-02T09:00:00Z'), channel: 'chat' });
    expect(ticketById(r.tickets, 'T1').events).toContainEqual({ type: 'message', at: ms('2026-03-02T09:10:00Z'), author: 'agent', public: false });
    expect(storyNumbers(ticketById(r.tickets, 'T2')).frt).toBeUndefined();
    expect(r.counts).toEqual([{ collection: 'rows', input: 8, imported: 8, excluded: 0 }]);
  });

  it('an event before the createdAt column is excluded, not shifted', () => {
    const r = fromRows(
      [{ ticket: 'T', opened: '2026-03-02T10:00:00Z', when: '2026-03-02T09:00:00Z', who: 'customer' }, { ticket: 'T', when: '2026-03-02T10:00:00Z', who: 'customer' }, { ticket: 'T', when: '2026-03-02T10:30:00Z', who: 'agent' }],
      { kind: 'events', columns: { id: 'ticket', createdAt: 'opened' }, eventColumns: { at: 'when', author: 'who' } },
    );
    expectAccounted(r);
    expect(r.excluded.byReason).toEqual({ before_creation: 1 });
    expect(storyNumbers(ticketById(r.tickets, 'T')).frt).toBe(30);
  });
});
