/**
 * Bots and touches: botResolutionRate against a brute-force count over the raw events; the touch definitions of
 * firstContactResolution partition the one-touch successes (at most N touches = exactly 1 + … + exactly N).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botResolutionRate, firstContactResolution, type Ticket } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { pipelineTicketsArb } from '../support/pipelineArb.js';

const RANK: Record<string, number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

/** Valid, eligible events-form tickets of the pipeline arbitrary (its bad and flagged records dropped). */
const eventsArb = pipelineTicketsArb.map((ts) =>
  ts.filter((t): t is Ticket => t !== null && typeof t === 'object' && Array.isArray(t.events) && typeof t.createdAt === 'number' && t.spam !== true && t.deleted !== true && t.mergedInto === undefined && !(t.tags ?? []).includes('spam') && !('status' in t) && t.events.every((e) => (e.at as number) >= (t.createdAt as number))),
);

function statuses(t: Ticket): { resolved: boolean; reopened: boolean } {
  const by = new Map<number, number>();
  for (const e of t.events ?? []) if (e.type === 'status') by.set(e.at as number, Math.max(by.get(e.at as number) ?? -1, RANK[e.status]!));
  let was = false;
  let reopened = false;
  for (const x of [...by.keys()].sort((a, b) => a - b)) {
    const now = by.get(x)! >= 4;
    if (was && !now) reopened = true;
    was = now;
  }
  return { resolved: was, reopened };
}

describe('bots and touches', () => {
  it('botResolutionRate agrees with a brute-force count', () => {
    fc.assert(
      fc.property(eventsArb, fc.constantFrom('bot-involved', 'all') as fc.Arbitrary<'all'>, (tickets, denominator) => {
        const r = botResolutionRate(tickets, { denominator });
        let num = 0;
        let den = 0;
        let involved = 0;
        let handed = 0;
        let considered = 0;
        for (const t of tickets) {
          const s = statuses(t);
          if (!s.resolved) continue;
          considered++;
          const bot = t.events!.some((e) => e.type === 'message' && e.author === 'bot' && e.public !== false);
          const human = t.events!.some((e) => e.type === 'message' && e.author === 'agent' && e.public !== false);
          if (bot) involved++;
          if (bot && human) handed++;
          if (!bot && denominator !== 'all') continue;
          den++;
          if (bot && !human && !s.reopened) num++;
        }
        expect([r.numerator, r.denominator, r.involved, r.handedOver, r.considered]).toEqual([num, den, involved, handed, considered]);
        expect(r.denominator + r.excluded.total).toBe(tickets.length);
      }),
      fcParams(150),
    );
  }, 30_000);

  it('at most N touches = exactly 1 + … + exactly N (same denominator), for any tickets', () => {
    fc.assert(
      fc.property(pipelineTicketsArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom('silent-solve', 'success', 'exclude') as fc.Arbitrary<'success'>, (tickets, n, botResolved) => {
        const o = { invalid: 'exclude', botResolved } as const;
        const atMost = firstContactResolution(tickets, { ...o, maxAgentReplies: n });
        let sum = 0;
        for (let k = 1; k <= n; k++) {
          const exact = firstContactResolution(tickets, { ...o, definition: 'n-touch', touches: k });
          expect(exact.denominator).toBe(atMost.denominator);
          sum += exact.numerator;
        }
        expect(atMost.numerator).toBe(sum);
        expect(firstContactResolution(tickets, { ...o, definition: 'two-touch' })).toEqual(firstContactResolution(tickets, { ...o, definition: 'n-touch', touches: 2 }));
      }),
      fcParams(150),
    );
  }, 30_000);
});
