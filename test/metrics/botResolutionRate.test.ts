/** The worked examples of docs/metrics.md ("## botResolutionRate" and firstContactResolution's bots). */
import { describe, expect, it } from 'vitest';
import { botResolutionRate } from '../../src/metrics/botResolutionRate/index.js';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import { botTickets, deepFreeze } from '../support/vendorExamples.js';

const tickets = deepFreeze(botTickets);

describe('botResolutionRate', () => {
  it('1 / 3: C-1 resolved by the bot alone; C-2 handed over, C-5 reopened', () => {
    const r = botResolutionRate(tickets);
    expect([r.numerator, r.denominator, r.considered, r.involved, r.handedOver]).toEqual([1, 3, 4, 3, 1]);
    expect([r.involvement.numerator, r.involvement.denominator, r.involvement.percent]).toEqual([3, 4, 75]);
    expect(r.excluded.ids).toEqual({ unresolved: ['C-3'], no_bot: ['C-4'], summary_only: ['C-6'] });
  });
  it("denominator: 'all': 1 / 4", () => {
    const r = botResolutionRate(tickets, { denominator: 'all' });
    expect([r.numerator, r.denominator]).toEqual([1, 4]);
  });
  it('excludeUnresolved: false: C-3 counts, as not resolved by the bot', () => {
    const r = botResolutionRate(tickets, { excludeUnresolved: false });
    expect([r.numerator, r.denominator, r.involved]).toEqual([1, 4, 4]);
  });
});

describe('firstContactResolution and bots (botResolved)', () => {
  it("'silent-solve' (default): the bot's C-1 is a solve without a reply", () => {
    const r = firstContactResolution(tickets);
    expect([r.numerator, r.denominator]).toEqual([2, 5]);
    expect(firstContactResolution(tickets, { countSilentSolves: true }).numerator).toBe(4); // C-1, C-2, C-4, C-6 (C-5 reopened)
  });
  it("'success': C-1 succeeds; the export row cannot say whether a bot answered", () => {
    const r = firstContactResolution(tickets, { botResolved: 'success' });
    expect([r.numerator, r.denominator]).toEqual([3, 4]);
    expect(r.excluded.ids).toEqual({ unresolved: ['C-3'], summary_only: ['C-6'] });
  });
  it("'exclude': FCR of human contacts", () => {
    const r = firstContactResolution(tickets, { botResolved: 'exclude' });
    expect([r.numerator, r.denominator]).toEqual([2, 2]);
    expect(r.excluded.ids).toEqual({ unresolved: ['C-3'], 'ineligible:bot_resolved': ['C-1', 'C-5'], summary_only: ['C-6'] });
  });
});
