/**
 * Seeded generator (mulberry32) of survey scores, cost lines and contacts for the surveys-and-cost bench and
 * report. Same seed → same data. Scores are produced as plain number arrays (what users hand over) and, for
 * the bench, also as a Uint8Array copy.
 */
import { mulberry32 } from './generate.js';
import type { CostEntry } from '../src/model/index.js';

/** NPS answers 0–10 skewed towards the top, as real surveys are. */
export function generateNpsScores(n: number, seed = 6): number[] {
  const rnd = mulberry32(seed);
  const weights = [2, 1, 1, 1, 2, 4, 5, 9, 16, 22, 37]; // sums to 100
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w) / 100);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    let k = 0;
    while (k < 10 && u >= (cdf[k] as number)) k++;
    out[i] = k;
  }
  return out;
}

/** CSAT answers 1–5. */
export function generateCsatScores(n: number, seed = 7): number[] {
  const rnd = mulberry32(seed);
  const cdf = [0.05, 0.1, 0.22, 0.5, 1];
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    let k = 0;
    while (k < 4 && u >= (cdf[k] as number)) k++;
    out[i] = k + 1;
  }
  return out;
}

const CHANNELS = ['email', 'chat', 'phone'] as const;

/** A month of cost lines in EUR (cents exact, as strings) and contact records by channel. */
export function generateCostsAndContacts(contacts: number, seed = 8): { costs: CostEntry[]; contacts: { id: string; channel: string }[] } {
  const rnd = mulberry32(seed);
  const cents = (lo: number, hi: number): string => {
    const c = Math.floor(lo * 100 + rnd() * (hi - lo) * 100);
    return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  };
  const costs: CostEntry[] = [
    { id: 'sal-email', amount: cents(18000, 22000), currency: 'EUR', channel: 'email', category: 'salaries' },
    { id: 'sal-chat', amount: cents(12000, 15000), currency: 'EUR', channel: 'chat', category: 'salaries' },
    { id: 'sal-phone', amount: cents(25000, 30000), currency: 'EUR', channel: 'phone', category: 'salaries' },
    { id: 'telephony', amount: cents(1500, 2500), currency: 'EUR', channel: 'phone', category: 'tooling' },
    { id: 'helpdesk', amount: cents(2000, 3000), currency: 'EUR', category: 'tooling' },
    { id: 'training', amount: cents(1000, 2000), currency: 'EUR', category: 'training' },
    { id: 'overhead', amount: cents(5000, 7000), currency: 'EUR', category: 'overhead' },
    { id: 'credit', amount: `-${cents(100, 500)}`, currency: 'EUR', category: 'credit' },
  ];
  const list: { id: string; channel: string }[] = [];
  for (let i = 0; i < contacts; i++) {
    const u = rnd();
    list.push({ id: `C-${i}`, channel: u < 0.5 ? 'email' : u < 0.8 ? 'chat' : (CHANNELS[2] as string) });
  }
  return { costs, contacts: list };
}
