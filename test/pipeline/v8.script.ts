/**
 * Run by test/pipeline/v8.test.ts under `node --expose-gc --trace-deopt`: metrics on prepared sets and on raw
 * arrays, with a full garbage collection between calls. Prints one line per call (the deopt lines come from V8).
 */
import { abandonmentRate, averageSpeedOfAnswer, firstResponseTime, prepareCalls, prepareTickets, serviceLevel } from '../../src/index.js';
import type { Call, Ticket } from '../../src/model/index.js';

const gc = (globalThis as { gc?: () => void }).gc as () => void;
const T0 = Date.UTC(2026, 2, 2, 8);
const calls: Call[] = [];
for (let i = 0; i < 100_000; i++) {
  const q = T0 + i * 100;
  const id = `C-${String(i).padStart(6, '0')}`;
  calls.push(i % 10 === 0 ? { id, queuedAt: q, abandonedAt: q + (i % 7) * 1000 } : { id, queuedAt: q, answeredAt: q + (i % 40) * 1000, agentId: `A${i % 5}` });
}
const tickets: Ticket[] = [];
for (let i = 0; i < 30_000; i++) {
  const c = T0 + i * 1000;
  tickets.push({ id: `T-${String(i).padStart(6, '0')}`, createdAt: c, events: [{ type: 'message', at: c, author: 'customer' }, { type: 'message', at: c + 60_000 * (i % 30), author: 'agent' }] });
}
const preparedCalls = prepareCalls(calls);
const preparedTickets = prepareTickets(tickets);
for (let r = 0; r < 12; r++) {
  gc();
  abandonmentRate(preparedCalls);
  serviceLevel(preparedCalls, { thresholdMs: 20_000 });
  averageSpeedOfAnswer(calls);
  firstResponseTime(preparedTickets);
  console.log(`round ${r}`);
}
