/**
 * Seeded synthetic call data for the contact-centre benchmarks and the report (mulberry32; no Math.random).
 */
import { mulberry32 } from './generate.js';
import type { Call } from '../src/model/index.js';

export interface GenerateCallsOptions {
  /** @defaultValue 20260302 */
  readonly seed?: number;
  /** First queue entry, epoch ms. @defaultValue 2026-03-02T08:00:00Z */
  readonly startMs?: number;
  /** Timestamps as ISO strings instead of epoch ms. @defaultValue false */
  readonly iso?: boolean;
}

/**
 * `n` calls over a working day: about 85% answered (wait exponential, mean 25 s), 12% abandoned (mean 40 s,
 * a quarter of them within 5 s), 3% still waiting; answered calls have talk 1–10 min, hold on one in five,
 * wrap-up 0–2 min; a third carry an IVR entry 5–40 s before the queue.
 */
export function generateCalls(n: number, options: GenerateCallsOptions = {}): Call[] {
  const rnd = mulberry32(options.seed ?? 20260302);
  const start = options.startMs ?? Date.UTC(2026, 2, 2, 8, 0, 0);
  const stamp = options.iso === true ? (ms: number): string => new Date(ms).toISOString() : (ms: number): number => ms;
  const spacing = Math.max(1, Math.floor(36_000_000 / Math.max(1, n)));
  const exp = (mean: number): number => Math.floor(-Math.log(1 - rnd()) * mean);
  const calls: Call[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const q = start + i * spacing + Math.floor(rnd() * spacing);
    const id = `C-${String(i + 1).padStart(7, '0')}`;
    const ivr = rnd() < 1 / 3 ? { enteredAt: stamp(q - 5_000 - Math.floor(rnd() * 35_000)) } : {};
    const u = rnd();
    if (u < 0.85) {
      const a = q + exp(25_000);
      const talk = 60_000 + Math.floor(rnd() * 540_000);
      const hold = rnd() < 0.2 ? Math.floor(rnd() * Math.min(talk, 120_000)) : 0;
      calls[i] = {
        id,
        queuedAt: stamp(q),
        ...ivr,
        answeredAt: stamp(a),
        endedAt: stamp(a + talk),
        holdMs: hold,
        wrapUpMs: Math.floor(rnd() * 120_000),
        agentId: `A-${Math.floor(rnd() * 50)}`,
      };
    } else if (u < 0.97) {
      const wait = rnd() < 0.25 ? Math.floor(rnd() * 5_000) : exp(40_000);
      calls[i] = { id, queuedAt: stamp(q), ...ivr, abandonedAt: stamp(q + wait) };
    } else {
      calls[i] = { id, queuedAt: stamp(q), ...ivr };
    }
  }
  return calls;
}

/** `n` staffing intervals (half hours) with traffic spread up to `maxErlangs`. */
export function generateIntervals(n: number, maxErlangs: number, seed = 7): { arrivalsPerInterval: number; averageHandleTimeMs: number }[] {
  const rnd = mulberry32(seed);
  const out: { arrivalsPerInterval: number; averageHandleTimeMs: number }[] = [];
  for (let i = 0; i < n; i++) {
    const aht = 120_000 + Math.floor(rnd() * 480_000);
    const erlangs = rnd() * maxErlangs;
    out.push({ arrivalsPerInterval: (erlangs * 1_800_000) / aht, averageHandleTimeMs: aht });
  }
  return out;
}
