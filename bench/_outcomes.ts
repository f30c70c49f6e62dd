import { generateTickets } from './generate.js';
import { printBench } from './harness.js';
import { outcomesBench } from './outcomes.bench.js';
const FROM = Date.UTC(2026, 0, 5);
const tickets = generateTickets(1_000_000, 42, { days: 365, startMs: FROM });
printBench(outcomesBench(tickets, FROM));
