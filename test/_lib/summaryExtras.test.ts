import { describe, expect, it } from 'vitest';
import { firstResponseTime } from '../../src/metrics/firstResponseTime/index.js';
import type { Ticket } from '../../src/model/index.js';
import { MetricsError } from '../../src/results/errors.js';

// The vendor summary extras (model: requesterWaitMs … assignedAt) are validated on the summary form only
// (decision 26); no metric reads them yet.
const base = { id: 'S', createdAt: '2026-03-02T09:00:00Z', firstRespondedAt: '2026-03-02T09:40:00Z' };

function error(t: object): MetricsError | undefined {
  try {
    firstResponseTime([t as Ticket]);
  } catch (e) {
    if (e instanceof MetricsError) return e;
    throw e;
  }
  return undefined;
}

describe('summary extras in the ticket reader', () => {
  it('accepts whole-number durations and stations, and assignment instants after creation', () => {
    const t = { ...base, requesterWaitMs: 6_000_000, agentWaitBusinessMs: 0, onHoldMs: 4_800_000, assigneeStations: 2, groupStations: 1, firstAssignedAt: '2026-03-02T09:10:00Z', assignedAt: null };
    expect(error(t)).toBeUndefined();
    expect(firstResponseTime([t as Ticket]).meanMs).toBe(2_400_000);
  });

  it('rejects a negative or fractional duration, naming the field', () => {
    expect([error({ ...base, requesterWaitMs: -1 })?.code, error({ ...base, requesterWaitMs: -1 })?.field]).toEqual(['invalid_value', 'requesterWaitMs']);
    expect(error({ ...base, fullResolutionBusinessMs: 1.5 })?.field).toBe('fullResolutionBusinessMs');
    expect(error({ ...base, groupStations: '2' })?.field).toBe('groupStations');
  });

  it('rejects an assignment before creation and an unparseable instant', () => {
    expect([error({ ...base, firstAssignedAt: '2026-03-02T08:00:00Z' })?.code, error({ ...base, firstAssignedAt: '2026-03-02T08:00:00Z' })?.field]).toEqual(['event_before_creation', 'firstAssignedAt']);
    expect(error({ ...base, assignedAt: 'soon' })?.code).toBe('invalid_timestamp');
  });

  it('next to events they are not looked at', () => {
    const t = { id: 'E', createdAt: '2026-03-02T09:00:00Z', requesterWaitMs: -1, events: [{ type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' }] };
    expect(error(t)).toBeUndefined();
  });
});
