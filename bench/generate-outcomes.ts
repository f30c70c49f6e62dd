/**
 * Data for the outcome metrics' benchmark and report: the shared seeded generator (bench/generate.ts,
 * mulberry32), events form with epoch-ms timestamps, plus a fixed evaluation instant.
 */
import type { Ticket } from '../src/model/index.js';
import { generateTickets } from './generate.js';

/** The tickets, deterministic for a (count, seed) pair. */
export function generateOutcomeTickets(count: number, seed = 20260105, days = 90): Ticket[] {
  return generateTickets(count, seed, { days });
}

/** Start of the generator's creation window (2026-01-05T00:00Z, a Monday). */
export const GENERATED_FROM = Date.UTC(2026, 0, 5);
