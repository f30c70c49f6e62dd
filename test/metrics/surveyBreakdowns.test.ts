/** Breakdowns of the survey scores: the worked examples of docs/surveys.md ("Breakdowns"). */
import { describe, expect, it } from 'vitest';
import { customerEffortScore, customerSatisfactionScore, MetricsError, netPromoterScore } from '../../src/index.js';

const T0 = Date.UTC(2026, 2, 2, 10);
const DAY = 86_400_000;
/** Email 10, 9, 6; chat 8, 7, 3, 10; one bare 9; one email non-answer. */
const responses = [
  { id: 'r1', score: 10, channel: 'email', agentId: 'ana', at: T0 },
  { id: 'r2', score: 9, channel: 'email', agentId: 'ben', at: T0 + DAY },
  { id: 'r3', score: 6, channel: 'email', agentId: 'ana', at: T0 + DAY },
  { id: 'r4', score: 8, channel: 'chat', agentId: 'ben', at: T0 },
  { id: 'r5', score: 7, channel: 'chat', at: T0 },
  { id: 'r6', score: 3, channel: 'chat', agentId: 'ana', at: T0 + DAY },
  { id: 'r7', score: 10, channel: 'chat', agentId: 'ben', at: T0 + 2 * DAY },
  9,
  { id: 'r8', score: null, channel: 'email' },
];

describe('survey scores: by', () => {
  it('NPS by channel: email 33.3 ± its margin, chat 0, the bare 9 in the null group; the whole 25', () => {
    const r = netPromoterScore(responses, { by: 'channel' });
    expect([r.score, r.promoters, r.passives, r.detractors]).toEqual([25, 4, 2, 2]); // 100 × (4 − 2) / 8
    const [chat, email, none] = r.groups ?? [];
    expect(chat?.key).toEqual({ channel: 'chat' });
    expect([chat?.score, chat?.promoters, chat?.passives, chat?.detractors]).toEqual([0, 1, 2, 1]);
    // SE = 100·√((p + d − (p − d)²)/n): chat p = d = 1/4, n = 4 → 100·√(1/8).
    expect(chat?.standardError).toBeCloseTo(100 * Math.sqrt(1 / 8), 12);
    expect(chat?.marginOfError).toBeCloseTo(1.959963984540054 * 100 * Math.sqrt(1 / 8), 10);
    expect(email?.key).toEqual({ channel: 'email' });
    expect(email?.score).toBeCloseTo(100 / 3, 12); // 100 × (2 − 1) / 3
    expect(email?.standardError).toBeCloseTo(100 * Math.sqrt(8 / 27), 12); // p = 2/3, d = 1/3, n = 3
    expect(email?.excluded.byReason).toEqual({ no_answer: 1 });
    expect([none?.key, none?.score, none?.count, none?.standardError]).toEqual([{ channel: null }, 100, 1, 0]);
  });

  it('NPS by agent and by day of the answer; CSAT by agent', () => {
    expect(netPromoterScore(responses, { by: 'agent' }).groups?.map((g) => [g.key.agent, g.score, g.count])).toEqual([
      ['ana', -100 / 3, 3], // 10, 6, 3: 100 × (1 − 2) / 3
      ['ben', 200 / 3, 3], // 9, 8, 10: 100 × (2 − 0) / 3
      [null, 50, 2], // 7 and the bare 9 (the non-answer is excluded there)
    ]);
    const byDay = netPromoterScore(responses, { by: { interval: 'day', timeZone: 'UTC', of: 'at' } });
    expect(byDay.groups?.map((g) => [g.key.day, g.count])).toEqual([['2026-03-02', 3], ['2026-03-03', 3], ['2026-03-04', 1], [null, 1]]);
    const csat = customerSatisfactionScore(
      [{ score: 5, agentId: 'a' }, { score: 4, agentId: 'a' }, { score: 2, agentId: 'a' }, { score: 3, agentId: 'b' }, { score: 5, agentId: 'b' }],
      { by: 'agent' },
    );
    expect(csat.groups?.map((g) => [g.key.agent, g.numerator, g.denominator, g.mean])).toEqual([
      ['a', 2, 3, 11 / 3],
      ['b', 1, 2, 4],
    ]);
  });

  it('typed arrays of bare scores: grouped by a key function of the score', () => {
    const ces = customerEffortScore(Uint8Array.from([7, 6, 5, 5, 4, 2]), { by: (s) => ((s as number) >= 5 ? 'agree' : 'not') });
    expect(ces.groups?.map((g) => [g.key.key, g.count, g.mean])).toEqual([
      ['agree', 4, 23 / 4],
      ['not', 2, 3],
    ]);
    expect(ces.score).toBe(29 / 6);
  });

  it("surveysSent gives the whole its response rate; a group's is unknown", () => {
    const r = customerSatisfactionScore([5, 4, { score: 1, channel: 'chat' }], { surveysSent: 6, by: 'channel' });
    expect(r.responseRate?.percent).toBe(50);
    expect(r.groups?.map((g) => g.responseRate)).toEqual([undefined, undefined]);
  });

  it('a bad at is invalid only for a time bucket of at', () => {
    const rs = [{ id: 'x', score: 9, at: 'yesterday' }, { id: 'y', score: 10, at: '2026-03-02T10:00:00' }];
    expect(netPromoterScore(rs).count).toBe(2);
    expect(netPromoterScore(rs, { by: 'channel' }).count).toBe(2);
    const e = ((): MetricsError | undefined => {
      try {
        netPromoterScore(rs, { by: { interval: 'day', timeZone: 'UTC', of: 'at' } });
      } catch (err) {
        return err as MetricsError;
      }
      return undefined;
    })();
    expect([e?.code, e?.recordId, e?.field]).toEqual(['invalid_timestamp', 'x', 'at']);
    // The offset-less string needs a zone to be read: timeZone reads it.
    const r = netPromoterScore(rs, { invalid: 'exclude', timeZone: 'Europe/Paris', by: { interval: 'day', timeZone: 'UTC', of: 'at' } });
    expect(r.excluded.byReason).toEqual({ 'invalid:invalid_timestamp': 1 });
    expect(r.groups?.map((g) => [g.key.day, g.count])).toEqual([['2026-03-02', 1], [null, 0]]);
  });
});
