/**
 * Writes examples/data/tickets.json: the bundled sample tickets that `npm run report` reads, made by the
 * project's own seeded generator (bench/generate.ts), so anyone can regenerate the exact same file:
 *
 *     npx tsx examples/generate-data.ts
 */
import { writeFileSync } from 'node:fs';
import { generateTickets } from '../bench/generate.js';

const SEED = 2026;
const tickets = generateTickets(400, SEED, { days: 28, timestamps: 'iso' });
const body = `[\n${tickets.map((t) => JSON.stringify(t)).join(',\n')}\n]\n`;
writeFileSync(new URL('./data/tickets.json', import.meta.url), body);
console.log(`wrote examples/data/tickets.json: ${tickets.length} tickets (seed ${SEED})`);
