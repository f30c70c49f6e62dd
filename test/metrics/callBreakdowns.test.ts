/** Breakdowns and prepared sets of the call metrics: the worked examples of docs/contact-centre.md ("Breakdowns"). */
import { describe, expect, it } from 'vitest';
import { abandonmentRate, averageHandleTime, averageSpeedOfAnswer, MetricsError, prepareCalls, serviceLevel, type Call } from '../../src/index.js';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0); // 09:00 in Paris
const S = 1000;
/** Eight calls: ana answers three, ben two, two callers hang up, one still waits (docs/contact-centre.md). */
const calls: Call[] = [
  { id: 'C1', queuedAt: T0, answeredAt: T0 + 10 * S, endedAt: T0 + 250 * S, wrapUpMs: 60 * S, channel: 'phone', agentId: 'ana' },
  { id: 'C2', queuedAt: T0 + 600 * S, answeredAt: T0 + 615 * S, endedAt: T0 + 735 * S, channel: 'phone', agentId: 'ana' },
  { id: 'C3', queuedAt: T0 + 1200 * S, answeredAt: T0 + 1230 * S, endedAt: T0 + 1410 * S, channel: 'phone', agentId: 'ana' },
  { id: 'C4', queuedAt: T0 + 3600 * S, answeredAt: T0 + 3605 * S, endedAt: T0 + 3905 * S, channel: 'chat', agentId: 'ben' },
  { id: 'C5', queuedAt: T0 + 4200 * S, answeredAt: T0 + 4245 * S, channel: 'chat', agentId: 'ben' },
  { id: 'C6', queuedAt: T0 + 4800 * S, abandonedAt: T0 + 4812 * S, channel: 'phone' },
  { id: 'C7', queuedAt: T0 + 5400 * S, abandonedAt: T0 + 5402 * S, channel: 'chat' },
  { id: 'C8', queuedAt: T0 + 6000 * S, channel: 'phone' },
];
const rows = (r: readonly { key: unknown; numerator: number; denominator: number }[] | undefined): unknown[] => (r ?? []).map((g) => [g.key, g.numerator, g.denominator]);

describe('call metrics: by', () => {
  it('service level (20 s, abandons negative) by agent: ana 2/3, ben 1/2, no agent 0/2; the whole 3/7', () => {
    const r = serviceLevel(calls, { thresholdMs: 20 * S, by: 'agent' });
    expect([r.numerator, r.denominator]).toEqual([3, 7]);
    expect(rows(r.groups)).toEqual([
      [{ agent: 'ana' }, 2, 3],
      [{ agent: 'ben' }, 1, 2],
      [{ agent: null }, 0, 2],
    ]);
    expect(r.groups?.[2]?.excluded.byReason).toEqual({ in_queue: 1 });
    // Short abandons neutral: the 2-second abandon leaves the no-agent group.
    expect(rows(serviceLevel(calls, { thresholdMs: 20 * S, abandoned: 'exclude-short', by: 'agentId' }).groups)).toEqual([
      [{ agentId: 'ana' }, 2, 3],
      [{ agentId: 'ben' }, 1, 2],
      [{ agentId: null }, 0, 1],
    ]);
  });

  it('abandonment rate by channel: phone 1/4, chat 0/2 (its abandon is short); the whole 1/6', () => {
    const r = abandonmentRate(calls, { by: 'channel' });
    expect([r.numerator, r.denominator]).toEqual([1, 6]);
    expect(rows(r.groups)).toEqual([
      [{ channel: 'chat' }, 0, 2],
      [{ channel: 'phone' }, 1, 4],
    ]);
    expect(r.groups?.map((g) => g.excluded.byReason)).toEqual([{ short_abandon: 1 }, { in_queue: 1 }]);
  });

  it('ASA by agent and by the hour of queue entry in Paris', () => {
    const byAgent = averageSpeedOfAnswer(calls, { by: 'agent' });
    expect(byAgent.groups?.map((g) => [g.key.agent, g.count, g.meanMs])).toEqual([
      ['ana', 3, 55_000 / 3], // (10 + 15 + 30) s / 3
      ['ben', 2, 25_000], // (5 + 45) s / 2
      [null, 0, undefined],
    ]);
    const byHour = averageSpeedOfAnswer(calls, { by: { interval: 'hour', timeZone: 'Europe/Paris' } });
    expect(byHour.groups?.map((g) => [g.key.hour, g.count, g.meanMs])).toEqual([
      ['2026-03-02T09:00+01:00', 3, 55_000 / 3],
      ['2026-03-02T10:00+01:00', 2, 25_000], // and C6–C8, not answered: excluded there
    ]);
    expect(byHour.groups?.[1]?.excluded.byReason).toEqual({ abandoned: 2, in_queue: 1 });
  });

  it('a cross-tabulation: channel × agent, channels first, null last', () => {
    const r = serviceLevel(calls, { thresholdMs: 20 * S, by: ['channel', 'agent'] });
    expect(rows(r.groups)).toEqual([
      [{ channel: 'chat', agent: 'ben' }, 1, 2],
      [{ channel: 'chat', agent: null }, 0, 1],
      [{ channel: 'phone', agent: 'ana' }, 2, 3],
      [{ channel: 'phone', agent: null }, 0, 1],
    ]);
  });

  it('AHT by the hour the call ended: handling fields read (and checked) for the bucket', () => {
    const r = averageHandleTime(calls, { by: { interval: 'hour', timeZone: 'UTC', of: 'ended' } });
    // C1: 240 s talk + 60 s wrap-up; C2 120 s; C3 180 s (08:xx UTC); C4 300 s (09:xx); C5 in progress.
    expect(r.groups?.map((g) => [g.key.hour, g.count, g.meanMs])).toEqual([
      ['2026-03-02T08:00+00:00', 3, 200_000],
      ['2026-03-02T09:00+00:00', 1, 300_000],
      [null, 0, undefined],
    ]);
  });

  it('a prepared set gives the same groups, and serves every metric', () => {
    const set = prepareCalls(calls);
    expect(set.count).toBe(8);
    expect(serviceLevel(set, { thresholdMs: 20 * S, by: 'agent' })).toEqual(serviceLevel(calls, { thresholdMs: 20 * S, by: 'agent' }));
    expect(averageHandleTime(set).meanMs).toBe(averageHandleTime(calls).meanMs);
  });

  it('interval rows: abandonment by day from half-hour rows, and by the channel of the rows', () => {
    const day = Date.UTC(2026, 2, 2, 9);
    const intervals = [
      { id: 'd1-0900', intervalStart: day, channel: 'phone', offered: 10, answered: 8, abandoned: 2, shortAbandons: 0 },
      { id: 'd1-0930', intervalStart: day + 1800 * S, channel: 'chat', offered: 20, answered: 19, abandoned: 1, shortAbandons: 1 },
      { id: 'd2-0900', intervalStart: day + 86_400 * S, channel: 'phone', offered: 5, answered: 5, abandoned: 0, shortAbandons: 0 },
    ];
    const byDay = abandonmentRate(intervals, { by: { interval: 'day', timeZone: 'UTC', of: 'interval' } });
    expect(rows(byDay.groups)).toEqual([
      [{ day: '2026-03-02' }, 2, 29], // (2 + 1 − 1) / (8 + 19 + 2 + 1 − 1)
      [{ day: '2026-03-03' }, 0, 5],
    ]);
    expect(rows(abandonmentRate(intervals, { by: 'channel' }).groups)).toEqual([
      [{ channel: 'chat' }, 0, 19],
      [{ channel: 'phone' }, 2, 15],
    ]);
    expect(() => abandonmentRate(intervals, { by: 'agent' } as never)).toThrow(/not a field of interval rows/);
  });

  it('bad keys: unknown fields are option errors; a throwing key function names the call', () => {
    expect(() => serviceLevel(calls, { thresholdMs: 1, by: 'agnet' as never })).toThrow(/did you mean "agent"/);
    expect(() => serviceLevel(calls, { thresholdMs: 1, by: { interval: 'day', timeZone: 'UTC', of: 'created' as never } })).toThrow(/'queued', 'answered', 'ended'/);
    const boom = (c: Call): string => {
      if (c.id === 'C4') throw new Error('no team');
      return 'x';
    };
    try {
      serviceLevel(calls, { thresholdMs: 1, by: boom });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      expect([(e as MetricsError).code, (e as MetricsError).recordIndex, (e as MetricsError).recordId]).toEqual(['callback_failed', 3, 'C4']);
    }
    const r = serviceLevel(calls, { thresholdMs: 20 * S, by: boom, invalid: 'exclude' });
    expect(r.excluded.byReason['invalid:callback_failed']).toBe(1);
    expect(rows(r.groups)).toEqual([
      [{ key: 'x' }, 2, 6],
      [{ key: null }, 0, 0],
    ]);
  });

  it('epoch numbers before 1975 need allowEarlyTimestamps (epoch seconds rule)', () => {
    const early: Call[] = [{ id: 'e', queuedAt: 1000, answeredAt: 6000 }];
    expect(() => averageSpeedOfAnswer(early)).toThrow(/Unix seconds|before 1975/);
    expect(averageSpeedOfAnswer(early, { allowEarlyTimestamps: true }).meanMs).toBe(5000);
    expect(averageSpeedOfAnswer(prepareCalls(early, { allowEarlyTimestamps: true })).meanMs).toBe(5000);
  });
});
