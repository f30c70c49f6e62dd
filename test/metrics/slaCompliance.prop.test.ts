import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import { createSchedule } from '../../src/calendar/index.js';
import { slaCompliance, type SlaPolicy } from '../../src/metrics/slaCompliance/index.js';
import { fcParams } from '../support/fc.js';

const H = 3_600_000;
const all = [['00:00', '24:00']] as const;
const always = createSchedule({ timeZone: 'Europe/Berlin', weekly: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all } });

const policyArb = fc.record({
  fr: fc.integer({ min: 0, max: 24 }),
  nr: fc.integer({ min: 0, max: 24 }),
  rs: fc.integer({ min: 0, max: 200 }),
  atDays: fc.integer({ min: 1, max: 40 }),
});

describe('slaCompliance properties', () => {
  it('accounts for every ticket and instance; met/breached agree with elapsed vs target; 24/7 equals calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), policyArb, (seed, p) => {
        const tickets = generateTickets(40, seed, { days: 30 });
        const targets = { firstReply: p.fr * H, nextReply: p.nr * H, resolution: p.rs * H };
        const policy: SlaPolicy = {
          targets: { low: targets, normal: targets, high: targets },
          at: Date.UTC(2026, 0, 5) + p.atDays * 86_400_000,
        };
        const r = slaCompliance(tickets, policy);
        expect(r.count + r.excluded.total).toBe(tickets.length);
        for (const name of ['firstReply', 'nextReply', 'resolution'] as const) {
          const instances = r.tickets.flatMap((t) => t.targets.filter((x) => x.target === name));
          const s = r.byTarget[name];
          expect(s.achieved + s.breached + s.pending).toBe(instances.length);
          expect(s.rate.denominator).toBe(s.achieved + s.breached);
        }
        for (const t of r.tickets) {
          for (const x of t.targets) {
            if (x.status === 'met') expect(x.elapsedMs).toBeLessThanOrEqual(x.targetMs);
            if (x.status === 'breached') expect(x.lateMs).toBe(x.elapsedMs - x.targetMs);
            if (x.status === 'breached') expect(x.lateMs).toBeGreaterThan(0);
            if (x.status === 'pending') expect(x.completedMs).toBeUndefined();
          }
        }
        const b = slaCompliance(tickets, { ...policy, businessHours: always });
        expect(b.tickets.map((t) => t.targets.map((x) => [x.status, x.elapsedMs, x.dueMs]))).toEqual(
          r.tickets.map((t) => t.targets.map((x) => [x.status, x.elapsedMs, x.dueMs])),
        );
      }),
      fcParams(30),
    );
  });
});
