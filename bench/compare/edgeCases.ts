/**
 * Hand-made tickets on the edges of the five definitions, for checking that every engine's code reads the
 * rules as the library does (the generated data reaches few of them): same-instant status updates, solve then
 * close, close without solve, reopens at `at`, agent-created tickets and their openings, ties of replies,
 * flags and tags, tickets created at `at`, empty histories, assignments, events out of order, day edges.
 * The runner writes them to bench/.out/edge-cases.json and runs every engine on it before timing anything.
 */
import type { Ticket } from '../../src/index.js';
import { DAY_MS, DEFAULT_BACKLOG_AT } from './protocol.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The edge-case tickets, around the backlog instant `at`. */
export function edgeCaseTickets(at: number = DEFAULT_BACKLOG_AT): Ticket[] {
  const c0 = at - 10 * DAY_MS;
  let n = 0;
  // `extra` may set a field to undefined: the key is then absent from the file (JSON.stringify drops it).
  const t = (created: number, events: Ticket['events'], extra: Readonly<Record<string, unknown>> = {}): Ticket =>
    ({ id: `E-${String(++n).padStart(3, '0')}`, createdAt: created, channel: 'email', tags: [], createdBy: 'customer', events, ...extra }) as Ticket;
  const customer = (at: number, pub?: boolean) => ({ type: 'message' as const, at, author: 'customer' as const, ...(pub === undefined ? {} : { public: pub }) });
  const agent = (at: number, pub?: boolean) => ({ type: 'message' as const, at, author: 'agent' as const, authorId: 'A-1', ...(pub === undefined ? {} : { public: pub }) });
  const status = (at: number, s: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed') => ({ type: 'status' as const, at, status: s });
  const c = c0;
  return [
    // 1 the plain one-touch ticket
    t(c, [status(c, 'new'), customer(c), agent(c + 5 * MIN), status(c + 5 * MIN, 'solved')]),
    // 2 no events at all
    t(c, []),
    // 3 solved and reopened in one update (the instant's result is resolved; no reopen)
    t(c, [customer(c), agent(c + MIN), status(c + 2 * MIN, 'open'), status(c + 2 * MIN, 'solved')]),
    // 4 solved, reopened, solved again: a reopen (FCR fails), full resolution to the last solve
    t(c, [customer(c), agent(c + MIN), status(c + 2 * MIN, 'solved'), customer(c + 3 * MIN), status(c + 3 * MIN, 'open'), status(c + 9 * MIN, 'solved')]),
    // 5 closed without ever being solved: resolution to the close
    t(c, [customer(c), agent(c + MIN), status(c + 7 * MIN, 'closed')]),
    // 6 solved then closed: not a reopen; full resolution to the last solve, not the close
    t(c, [customer(c), agent(c + MIN), status(c + 4 * MIN, 'solved'), status(c + DAY_MS, 'closed')]),
    // 7 agent-created, opened by a public agent message: FRT to the agent's next public message
    t(c, [agent(c), customer(c + 10 * MIN), agent(c + 30 * MIN), status(c + 40 * MIN, 'solved')], { createdBy: 'agent' }),
    // 8 agent-created, opened by an internal note: the first public agent message is the reply
    t(c, [agent(c, false), customer(c + 10 * MIN), agent(c + 20 * MIN)], { createdBy: 'agent' }),
    // 9 no createdBy, first message an agent's: agent-created by inference
    t(c, [agent(c), customer(c + MIN), agent(c + 3 * MIN), status(c + 4 * MIN, 'solved')], { createdBy: undefined }),
    // 10 no createdBy, customer and agent messages at one instant: customer first (kind order), not agent-created
    t(c, [agent(c + MIN), customer(c + MIN), agent(c + 2 * MIN), status(c + 3 * MIN, 'solved')], { createdBy: undefined }),
    // 11 agent-created, two public agent messages at the creation instant: the second is the reply (0 ms)
    t(c, [agent(c), agent(c), customer(c + MIN)], { createdBy: 'agent' }),
    // 12 spam flag; 13 deleted; 14 mergedInto; 15 merged tag; 16 a tag 'SPAM' (tags are case-sensitive: eligible)
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { spam: true }),
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { deleted: true }),
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { mergedInto: 'E-001' }),
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { tags: ['vip', 'closed_by_merge'] }),
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { tags: ['SPAM'] }),
    // 17 created exactly at `at` (in the backlog, age 0); 18 one ms after (not in it)
    t(at, [customer(at)]),
    t(at + 1, [customer(at + 1)]),
    // 19 solved exactly at `at` (changes at `at` count): not in the backlog
    t(c, [customer(c), agent(c + MIN), status(at, 'solved')]),
    // 20 reopened exactly at `at`: in the backlog
    t(c, [customer(c), agent(c + MIN), status(c + 2 * MIN, 'solved'), status(at, 'open')]),
    // 21 bot and system messages only, and an internal note: no reply
    t(c, [customer(c), { type: 'message', at: c + 1000, author: 'bot' }, { type: 'message', at: c + 2000, author: 'system', public: false }, agent(c + 3000, false)]),
    // 22 solved with no agent reply (a silent solve): eligible for FCR, not a success
    t(c, [customer(c), status(c + HOUR, 'solved')]),
    // 23 events out of order
    t(c, [status(c + 9 * MIN, 'solved'), agent(c + 4 * MIN), status(c, 'new'), customer(c)]),
    // 24 an explicit public: true reply, a private customer message, an assignment
    t(c, [customer(c, false), { type: 'assignment', at: c + MIN, assigneeId: 'A-2' }, agent(c + 2 * MIN, true), status(c + 2 * MIN, 'solved')]),
    // 25 messages but no status: new (unresolved) now and at `at`
    t(c, [customer(c), agent(c + MIN)]),
    // 26 createdBy 'customer' with agent messages only: no customer message (FCR: ineligible)
    t(c, [agent(c + MIN), status(c + 2 * MIN, 'solved')]),
    // 27 createdBy 'system'; 28 without tags; 29 tags null
    t(c, [customer(c), agent(c + MIN), status(c + MIN, 'solved')], { createdBy: 'system' }),
    t(c, [customer(c), agent(c + MIN), agent(c + 2 * MIN), status(c + 3 * MIN, 'solved')], { tags: undefined }),
    t(c, [customer(c), agent(c + MIN), status(c + 3 * MIN, 'pending'), status(c + 4 * MIN, 'on_hold'), status(c + 5 * MIN, 'solved')], { tags: null }),
    // 30 agent-created with no messages; 31 agent-created solved, reopened by the customer
    t(c, [status(c, 'open')], { createdBy: 'agent' }),
    t(c, [agent(c), customer(c + MIN), agent(c + 2 * MIN), status(c + 2 * MIN, 'solved'), customer(c + 3 * MIN), status(c + 3 * MIN, 'open')], { createdBy: 'agent' }),
    // 32, 33 the last ms of a UTC day and the first of the next; 34 two days later (an empty day between)
    t(Math.floor(c / DAY_MS) * DAY_MS + DAY_MS - 1, [customer(Math.floor(c / DAY_MS) * DAY_MS + DAY_MS - 1)]),
    t(Math.floor(c / DAY_MS) * DAY_MS + DAY_MS, [customer(Math.floor(c / DAY_MS) * DAY_MS + DAY_MS)]),
    t(Math.floor(c / DAY_MS) * DAY_MS + 3 * DAY_MS + 5, [customer(Math.floor(c / DAY_MS) * DAY_MS + 3 * DAY_MS + 5), agent(at + DAY_MS)]),
    // 35 solved at `at` and reopened one ms later: resolved at `at`, open now
    t(c, [customer(c), agent(c + MIN), status(at, 'solved'), status(at + 1, 'open')]),
    // 36 closed and reopened (to pending) in one update with a later instant resolving again by a close
    t(c, [customer(c), agent(c + MIN), status(c + 2 * MIN, 'closed'), status(c + 3 * MIN, 'pending'), status(c + 3 * MIN, 'new'), status(c + 4 * MIN, 'closed')]),
    // 37 solved, then reopened and solved again in one later update: no reopen (the update's result is solved)
    t(c, [customer(c), agent(c + MIN), status(c + 2 * MIN, 'solved'), status(c + 5 * MIN, 'open'), status(c + 5 * MIN, 'solved')]),
  ];
}
