/**
 * fast-check settings shared by every property test: a fixed seed (so CI is reproducible) that a developer
 * can override with FC_SEED to explore, and a run count scaled by FC_RUNS_SCALE.
 */
const seed = process.env.FC_SEED === undefined ? 20261122 : Number(process.env.FC_SEED);
const scale = process.env.FC_RUNS_SCALE === undefined ? 1 : Number(process.env.FC_RUNS_SCALE);

/** Parameters for `fc.assert(property, fcParams(200))`. */
export function fcParams(numRuns = 100): { seed: number; numRuns: number } {
  return { seed, numRuns: Math.max(1, Math.round(numRuns * scale)) };
}
