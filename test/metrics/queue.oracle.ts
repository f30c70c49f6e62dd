/**
 * A slow, plain oracle for the live queue, written from docs/queue.md over the raw tickets (epoch-ms times, as
 * the property tests generate them): who an open ticket waits on and since when, and first requests.
 */
const KIND: Record<string, number> = { customer: 0, agent: 1, bot: 2, system: 3 };
const STATUS: Record<string, number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

interface RawEvent {
  type: string;
  at: number;
  author?: string;
  public?: boolean;
  status?: string;
}

export interface OracleState {
  open: boolean;
  waitingOn?: 'agent' | 'customer' | 'third_party';
  sinceMs?: number;
}

/** Sort key of an event: time, then kind (customer, agent, bot, system, assignment, statuses in lifecycle order). */
function rank(e: RawEvent): number {
  if (e.type === 'message') return KIND[e.author as string] as number;
  if (e.type === 'assignment') return 5;
  return 10 + (STATUS[e.status as string] as number);
}

/** The state at `at` of a ticket with events (valid, created at or before `at`). */
export function oracleState(t: { createdAt: number; createdBy?: string; events: RawEvent[] }, at: number): OracleState {
  const events = [...t.events].sort((a, b) => a.at - b.at || rank(a) - rank(b));
  const messages = events.filter((e) => e.type === 'message');
  const agentCreated = t.createdBy === 'agent' || (t.createdBy === undefined && messages.length > 0 && messages[0]!.author === 'agent');
  let status = 'new';
  let statusSince = t.createdAt;
  let unanswered: number | undefined = agentCreated ? undefined : t.createdAt;
  let lastCustomer: number | undefined = unanswered;
  let answered = t.createdAt;
  for (const e of events) {
    if (e.at > at) break;
    if (e.type === 'status') {
      status = e.status as string;
      statusSince = e.at;
      if (status === 'solved' || status === 'closed') {
        unanswered = undefined;
        answered = e.at;
      }
    } else if (e.type === 'message' && e.author === 'customer' && e.public !== false) {
      unanswered ??= e.at;
      lastCustomer = e.at;
    } else if (e.type === 'message' && e.author === 'agent' && e.public !== false) {
      unanswered = undefined;
      answered = e.at;
    }
  }
  if (status === 'solved' || status === 'closed') return { open: false };
  if (status === 'pending' || status === 'on_hold') {
    if (unanswered !== undefined && (lastCustomer as number) > statusSince) return { open: true, waitingOn: 'agent', sinceMs: unanswered };
    return { open: true, waitingOn: status === 'pending' ? 'customer' : 'third_party', sinceMs: Math.max(statusSince, answered) };
  }
  if (unanswered !== undefined) return { open: true, waitingOn: 'agent', sinceMs: unanswered };
  return { open: true, waitingOn: 'customer', sinceMs: answered };
}

/**
 * First requests: for each requester, the id of the earliest created ticket (then the smallest id label) among
 * the tickets with a valid identity, not spam, deleted or merged, created at or before `at`.
 */
export function oracleFirsts(tickets: readonly unknown[], at: number): Map<string, string> {
  const best = new Map<string, [number, string]>();
  for (const raw of tickets) {
    if (raw === null || typeof raw !== 'object') continue;
    const t = raw as { id: string | number; createdAt: unknown; requesterId?: unknown; spam?: boolean; deleted?: boolean; mergedInto?: unknown; tags?: string[] };
    if (typeof t.createdAt !== 'number' || t.createdAt > at) continue;
    if (t.spam === true || t.deleted === true || t.mergedInto !== undefined || t.tags?.includes('spam') || t.tags?.includes('closed_by_merge')) continue;
    if (typeof t.requesterId !== 'string' || t.requesterId === '') continue;
    const id = String(t.id);
    const cur = best.get(t.requesterId);
    if (cur === undefined || t.createdAt < cur[0] || (t.createdAt === cur[0] && id < cur[1])) best.set(t.requesterId, [t.createdAt, id]);
  }
  return new Map([...best].map(([k, v]) => [k, v[1]]));
}
