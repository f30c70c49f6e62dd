/** The worked examples of docs/metrics.md ("# Assignment"): assignmentTime, assignmentStations, reassignmentRate. */
import { describe, expect, it } from 'vitest';
import { assignmentStations } from '../../src/metrics/assignmentStations/index.js';
import { assignmentTime } from '../../src/metrics/assignmentTime/index.js';
import { reassignmentRate } from '../../src/metrics/reassignmentRate/index.js';
import { assign, assignmentTickets, at, deepFreeze, HOUR, MIN, office, status } from '../support/vendorExamples.js';

const tickets = deepFreeze(assignmentTickets);

describe('assignmentTime', () => {
  it('to first assignment: 20, 30, 15, 5 min; A-3 never assigned, A-5 assigned at an unknown time', () => {
    const r = assignmentTime(tickets);
    expect([r.count, r.meanMs, r.minMs, r.maxMs]).toEqual([4, 17.5 * MIN, 5 * MIN, 30 * MIN]);
    expect(r.excluded.ids).toEqual({ never_assigned: ['A-3'], assignment_unknown: ['A-5'] });
  });
  it('first assignment to resolution: mean 91.25 min; A-3 unresolved', () => {
    const r = assignmentTime(tickets, { measure: 'firstAssignmentToResolution' });
    expect([r.count, r.totalMs, r.meanMs]).toEqual([4, 100 * MIN + 150 * MIN + 90 * MIN + 25 * MIN, 91.25 * MIN]);
    expect(r.excluded.ids).toEqual({ unresolved: ['A-3'], assignment_unknown: ['A-5'] });
  });
  it("last assignment to resolution: 60, 60 (A-2's latest assignment is 11:00), 60, 25 min", () => {
    const r = assignmentTime(tickets, { measure: 'lastAssignmentToResolution' });
    expect([r.count, r.meanMs, r.medianMs]).toEqual([4, 51.25 * MIN, 60 * MIN]);
  });
  it('unassigned: 20, 90, 5 min; the export row has no column', () => {
    const r = assignmentTime(tickets, { measure: 'unassigned' });
    expect([r.count, r.totalMs]).toEqual([3, 115 * MIN]);
    expect(r.excluded.ids).toEqual({ unresolved: ['A-3'], summary_only: ['A-4'], assignment_unknown: ['A-5'] });
  });
  it('of group: A-1 routed on creation (0), A-2 30 min', () => {
    const r = assignmentTime(tickets, { of: 'group' });
    expect([r.count, r.meanMs]).toEqual([2, 15 * MIN]);
    expect(r.excluded.ids).toEqual({ never_assigned: ['A-3', 'A-5', 'A-6'], summary_only: ['A-4'] });
  });
  it('business time: created Friday 16:00, assigned Monday 10:00 → 2 h on office hours', () => {
    const t = [{ id: 'F', createdAt: at(6, '16:00'), events: [assign(at(9, '10:00'), { assigneeId: 'A1' })] }];
    expect(assignmentTime(t, { businessHours: office }).totalMs).toBe(2 * HOUR);
    const s = [{ id: 'S', createdAt: at(6, '16:00'), firstAssignedAt: at(9, '10:00'), assigneeStations: 1 }];
    expect(assignmentTime(s, { businessHours: office }).totalMs).toBe(2 * HOUR);
  });
  it('same-instant assignments are one update; an assignment after the final solve is assigned_after_resolution', () => {
    const t = [
      { id: 'X', createdAt: at(2, '09:00'), events: [assign(at(2, '09:10'), { assigneeId: 'A1' }), assign(at(2, '09:10'), { assigneeId: 'A2' }), status(at(2, '10:00'), 'solved')] },
      { id: 'Y', createdAt: at(2, '09:00'), events: [status(at(2, '10:00'), 'solved'), assign(at(2, '11:00'), { assigneeId: 'A1' })] },
    ];
    expect(assignmentStations(t).distribution['1']).toBe(2);
    expect(assignmentTime(t, { measure: 'firstAssignmentToResolution' }).excluded.ids).toEqual({ assigned_after_resolution: ['Y'] });
  });
  it('a summary ticket: never assigned by its stations or by firstAssignedAt: null', () => {
    const s = [
      { id: 1, createdAt: at(2, '09:00'), assigneeStations: 0 },
      { id: 2, createdAt: at(2, '09:00'), firstAssignedAt: null },
      { id: 3, createdAt: at(2, '09:00'), assigneeStations: 1 },
    ];
    expect(assignmentTime(s).excluded.ids).toEqual({ never_assigned: ['1', '2'], summary_only: ['3'] });
  });
});

describe('assignmentStations', () => {
  it('2, 2, 0, 2, 1 → mean 1.4, median 2; A-5 assignment_unknown', () => {
    const r = assignmentStations(tickets);
    expect([r.count, r.total, r.mean, r.median]).toEqual([5, 7, 1.4, 2]);
    expect(r.distribution).toEqual({ '0': 1, '1': 1, '2': 3, '3': 0, '4': 0, '5+': 0 });
    expect(r.excluded.ids).toEqual({ assignment_unknown: ['A-5'] });
  });
  it("count: 'distinct': A-2 had one agent twice; the export row only counts changes", () => {
    const r = assignmentStations(tickets, { count: 'distinct' });
    expect([r.count, r.total, r.mean]).toEqual([4, 4, 1]);
    expect(r.excluded.ids).toEqual({ summary_only: ['A-4'], assignment_unknown: ['A-5'] });
  });
  it("of: 'group': 2, 1, 0, 1, 0, 0", () => {
    const r = assignmentStations(tickets, { of: 'group' });
    expect([r.count, r.total]).toEqual([6, 4]);
  });
  it("tickets: 'resolved' leaves A-3 out", () => {
    expect(assignmentStations(tickets, { tickets: 'resolved' }).excluded.byReason).toEqual({ unresolved: 1, assignment_unknown: 1 });
  });
});

describe('reassignmentRate', () => {
  it('3 of 4 assigned tickets were reassigned', () => {
    const r = reassignmentRate(tickets);
    expect([r.numerator, r.denominator, r.percent]).toEqual([3, 4, 75]);
    expect(r.excluded.ids).toEqual({ never_assigned: ['A-3'], assignment_unknown: ['A-5'] });
  });
  it("count: 'distinct': only A-1 passed to another agent", () => {
    const r = reassignmentRate(tickets, { count: 'distinct' });
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
  });
  it("of: 'group': A-1 moved from G1 to G2", () => {
    const r = reassignmentRate(tickets, { of: 'group' });
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
    expect(r.excluded.ids).toEqual({ never_assigned: ['A-3', 'A-5', 'A-6'] });
  });
});
