/**
 * Agent activity.
 *
 * Formula, one row per agent: public replies and internal notes the agent wrote, tickets the agent wrote on
 * (touched), tickets solved with the agent as assignee, of those one-touch (one agent reply, never reopened)
 * and two-touch (two), and the satisfaction of the survey responses naming the agent (`agentId`): CSAT
 * satisfied / rated, mean score, NPS on a 0–10 scale.
 * Default definition: Freshdesk's agent performance report and Intercom's teammate report (replies sent,
 * notes, conversations participated in, closed, CSAT per teammate), Zendesk Explore's per-agent measures
 * (agent replies, agent touched tickets, solved tickets by assignee, one-touch / two-touch tickets, Good / Bad).
 * Options: surveys, surveyScale, satisfiedFrom, period, attributeTo, confidence, isQualifyingReply, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import { D, toDouble } from '../../_lib/decimal.js';
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import { readScale, readWhole, type ScaleOption, type ScoreScale } from '../../_lib/surveys.js';
import type { SurveyResponse, Ticket } from '../../model/index.js';
import { optionError, readConfidence, type ConfidenceOptions } from '../../options/shared.js';
import { readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { Accumulator } from '../../pipeline/collect.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import { ticketAttribution } from '../../pipeline/ticketKeys.js';
import { outsidePeriod } from '../../pipeline/ticketPeriod.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { rawEvent } from '../../read/assignmentHistory.js';
import { F_AGENT_CREATED, F_EVENTS, F_FIRST_QUALIFIES, K_AGENT, KIND_SHIFT, LEVEL_EVENTS, Q_PUBLIC, Q_REPLY, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import { MetricsError } from '../../results/errors.js';
import { createLedger, exclude, finishLedger, type Excluded, type ExclusionLedger, type InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a ticket was not counted by {@link agentActivity}:
 * - `summary_only`: summary tickets do not say who wrote what (needs `events` with `authorId`; per-assignee
 *   counts from summary columns: `resolutionRate(…, { by: 'assigneeId' })`, `firstContactResolution(…, { by:
 *   'assigneeId' })`);
 * - `out_of_period`, `unresolved` (with `attributeTo: 'resolved'`), `no_reply` (`'firstReply'`),
 *   `ineligible:spam`, `ineligible:deleted`, `ineligible:merged`, `invalid:<code>`.
 *
 * @category Agents
 */
export type AgentActivityExclusion = 'summary_only' | 'out_of_period' | 'unresolved' | 'no_reply' | IneligibleReason | InvalidReason;

/**
 * Why a survey response was not counted by {@link agentActivity}:
 * - `no_answer`: `score` is `null`, `undefined` or `NaN`;
 * - `no_agent`: the response names no agent (`agentId`);
 * - `no_ticket`: the response names no ticket (`ticketId`);
 * - `ticket_not_counted`: its ticket is not among the tickets counted (not given, or excluded);
 * - `invalid:<code>`: a bad response under `invalid: 'exclude'` (`invalid:out_of_range` for a score outside
 *   `surveyScale`, `invalid:invalid_value`, `invalid:invalid_record`, `invalid:duplicate_id`).
 *
 * @category Agents
 */
export type AgentActivitySurveyExclusion = 'no_answer' | 'no_agent' | 'no_ticket' | 'ticket_not_counted' | InvalidReason;

/**
 * Options of {@link agentActivity}.
 *
 * @category Agents
 */
export interface AgentActivityOptions
  extends TicketInputOptions,
    QualifyingReplyOptions,
    EligibilityOptions,
    PeriodOptions,
    ConfidenceOptions,
    BreakdownOptions<TicketBy> {
  /**
   * Survey responses (CSAT, NPS, Zendesk good/bad as 2/1): each is attributed to the agent it names
   * (`agentId`) and belongs to the ticket it names (`ticketId`), which must be one of the tickets counted.
   */
  readonly surveys?: readonly SurveyResponse[];
  /** The scale of the survey scores. @defaultValue `'1-5'` */
  readonly surveyScale?: ScaleOption;
  /**
   * The lowest satisfied score.
   * @defaultValue the top point on scales of up to 3 points (Zendesk good = 2 on 1–2), else the top two (4–5 on 1–5, 9–10 on 0–10)
   */
  readonly satisfiedFrom?: number;
}

/**
 * The satisfaction of the responses attributed to one agent.
 *
 * @category Agents
 */
export interface AgentSatisfaction {
  /** Responses answered. */
  readonly rated: number;
  /** Of those, scores ≥ `satisfiedFrom`. */
  readonly satisfied: number;
  /** `satisfied / rated` (CSAT; Zendesk's good / (good + bad) on the 1–2 scale). */
  readonly csat: RateResult<never>;
  /** The exact mean score; `undefined` when nothing was rated. */
  readonly meanScore: number | undefined;
  /** On a 0–10 scale: % promoters (9–10) − % detractors (0–6); otherwise, or with nothing rated, `undefined`. */
  readonly nps: number | undefined;
}

/**
 * One agent's activity. `agentId: null` collects the messages without an `authorId` and the tickets solved
 * with no assignee.
 *
 * @category Agents
 */
export interface AgentActivityRow {
  readonly agentId: string | null;
  /** Qualifying replies (public agent messages by default) the agent wrote; an agent-created ticket's opening message is not one. */
  readonly publicReplies: number;
  /** Internal notes (`public: false`) the agent wrote. */
  readonly internalNotes: number;
  /** Tickets the agent wrote at least one message on (reply or note). */
  readonly ticketsTouched: number;
  /** Tickets resolved now whose assignee is the agent (the `'assignee'` of `by`: `assigneeId`, else the last assignment event). */
  readonly ticketsSolved: number;
  /** Of those, resolved with exactly one agent reply and never reopened. */
  readonly oneTouch: number;
  /** Of those, resolved with exactly two agent replies and never reopened. */
  readonly twoTouch: number;
  readonly satisfaction: AgentSatisfaction;
}

/**
 * The result of {@link agentActivity}.
 *
 * @category Agents
 */
export interface AgentActivityResult extends Grouped<AgentActivityResult> {
  /** One row per agent, by `agentId` (UTF-16 order), `null` last. */
  readonly agents: readonly AgentActivityRow[];
  /** Tickets counted (with or without agent activity). */
  readonly count: number;
  readonly excluded: Excluded<AgentActivityExclusion>;
  /**
   * The survey responses: counted (in an agent's satisfaction) or excluded, by reason. In a group, the responses
   * of the group's counted tickets.
   */
  readonly responses: { readonly count: number; readonly excluded: Excluded<AgentActivitySurveyExclusion> };
}

const NAME = 'agentActivity';
const NO_SURVEYS: readonly unknown[] = [];

/** One ticket's contribution, written by the step and read by every accumulator the ticket goes to. */
class Contribution {
  n = 0;
  agent = new Int32Array(8);
  replies = new Float64Array(8);
  notes = new Float64Array(8);
  /** Agent index of the solver, −1 when not resolved. */
  solver = -1;
  one = 0;
  two = 0;
  /** The ticket's id as survey responses name it (set only when there are responses to match). */
  key = '';

  /** The slot of agent `a` in this ticket (added when new). */
  slot(a: number): number {
    for (let k = 0; k < this.n; k++) if (this.agent[k] === a) return k;
    if (this.n === this.agent.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.agent = grow(this.agent, (n) => new Int32Array(n));
      this.replies = grow(this.replies, (n) => new Float64Array(n));
      this.notes = grow(this.notes, (n) => new Float64Array(n));
    }
    const k = this.n++;
    this.agent[k] = a;
    this.replies[k] = 0;
    this.notes[k] = 0;
    return k;
  }
}

/** The survey responses, validated once per call. */
interface Surveys {
  /** Per response: its ticket key (undefined: none), agent index (−1: none), score (NaN: no answer), label. */
  readonly ticket: (string | undefined)[];
  readonly agent: Int32Array;
  readonly score: Float64Array;
  readonly label: string[];
  /** Per response: 1 when invalid (its reason is in `invalid`). */
  readonly bad: Uint8Array;
  readonly invalid: Map<number, InvalidReason>;
  /** Response indices by ticket key. */
  readonly byTicket: Map<string, number[]>;
}

interface Params {
  readonly period: ParsedPeriod | undefined;
  readonly level: number;
  readonly scale: ScoreScale;
  readonly satisfiedFrom: number;
  /** Agent ids by index; index 0 is the null agent. */
  readonly names: (string | null)[];
  readonly ids: Map<string, number>;
  readonly surveys: Surveys;
  readonly out: Contribution;
  /** Whether responses name tickets (the counted tickets' ids are kept to match them). */
  readonly matching: boolean;
}

function agentIndex(p: Params, id: string | null): number {
  if (id === null) return 0;
  let a = p.ids.get(id);
  if (a === undefined) {
    a = p.names.length;
    p.ids.set(id, a);
    p.names.push(id);
  }
  return a;
}

/** Validates the responses: shape, ids, ticket and agent, score on the scale. */
function readSurveys(value: unknown, scale: ScoreScale, invalid: 'throw' | 'exclude', p: Pick<Params, 'names' | 'ids'>): Surveys {
  if (value !== undefined && !Array.isArray(value)) optionError(NAME, 'surveys', `must be an array of survey responses, got ${describe(value)}`);
  const list = (value ?? NO_SURVEYS) as readonly unknown[];
  const n = list.length;
  const s: Surveys = {
    ticket: new Array<string | undefined>(n),
    agent: new Int32Array(n).fill(-1),
    score: new Float64Array(n).fill(NaN),
    label: new Array<string>(n),
    bad: new Uint8Array(n),
    invalid: new Map(),
    byTicket: new Map(),
  };
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r: unknown = list[i];
    let label = `#${i}`;
    try {
      if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Invalid('invalid_record', undefined, `a survey response must be an object, got ${describe(r)}`);
      const o = r as Record<string, unknown>;
      const id = o.id;
      if (id !== undefined) {
        if (typeof id === 'string' && id.length > 0) label = id;
        else if (typeof id === 'number' && Number.isFinite(id)) label = String(id);
        else throw new Invalid('invalid_value', 'id', `must be a non-empty string or a finite number, got ${describe(id)}`);
        if (seen.has(label)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(label)} appears more than once`);
        seen.add(label);
      }
      const t = o.ticketId;
      let ticket: string | undefined;
      if (t !== undefined && t !== null) {
        if (typeof t === 'string' && t.length > 0) ticket = t;
        else if (typeof t === 'number' && Number.isFinite(t)) ticket = String(t);
        else throw new Invalid('invalid_value', 'ticketId', `must be a non-empty string or a finite number, got ${describe(t)}`);
      }
      const a = o.agentId;
      let agent: string | null = null;
      if (a !== undefined && a !== null) {
        if (typeof a !== 'string' || a.length === 0) throw new Invalid('invalid_value', 'agentId', `must be a non-empty string, got ${describe(a)}`);
        agent = a;
      }
      const v = o.score;
      let score = NaN;
      if (v !== undefined && v !== null && !(typeof v === 'number' && v !== v)) {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw new Invalid('invalid_value', 'score', `must be a whole number on the ${scale.min}–${scale.max} scale, got ${describe(v)}`);
        if (v < scale.min || v > scale.max) throw new Invalid('out_of_range', 'score', `${describe(v)} is outside the ${scale.min}–${scale.max} scale`);
        score = v === 0 ? 0 : v;
      }
      s.label[i] = label;
      s.ticket[i] = ticket;
      s.score[i] = score;
      if (agent !== null) s.agent[i] = agentIndex(p as Params, agent);
      if (ticket !== undefined) {
        const l = s.byTicket.get(ticket);
        if (l === undefined) s.byTicket.set(ticket, [i]);
        else l.push(i);
      }
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (invalid === 'throw') {
        throw new MetricsError({ code: e.code, functionName: NAME, collection: 'surveys', recordIndex: i, recordId: label.startsWith('#') ? undefined : label, field: e.field, rule: e.rule });
      }
      s.label[i] = label;
      s.bad[i] = 1;
      s.invalid.set(i, `invalid:${e.code}`);
    }
  }
  return s;
}

const COUNTERS = ['replies', 'notes', 'touched', 'solved', 'one', 'two'] as const;

/** An agent's counters as plain data: its id (`null`: the null agent), then the counters in `COUNTERS` order. */
type SavedAgent = readonly [string | null, number, number, number, number, number, number];

/**
 * Per-agent counters of the tickets and responses that reached this accumulator, by agent index (the call's
 * params intern agent ids: a partial state names agents by id).
 */
class AgentAccumulator extends Accumulator {
  replies = new Float64Array(16);
  notes = new Float64Array(16);
  touched = new Float64Array(16);
  solved = new Float64Array(16);
  one = new Float64Array(16);
  two = new Float64Array(16);
  /** Ids of the tickets counted (only when responses are matched to tickets). */
  keys: string[] = [];
  count = 0;
  private readonly out: Contribution;
  private readonly matching: boolean;
  constructor(private p: Params | undefined) {
    super();
    this.out = (p as Params).out;
    this.matching = (p as Params).matching;
  }

  private room(a: number): void {
    if (a < this.replies.length) return;
    let n = this.replies.length;
    while (n <= a) n *= 2;
    for (const k of COUNTERS) {
      const g = new Float64Array(n);
      g.set(this[k]);
      this[k] = g;
    }
  }

  add(): void {
    const o = this.out;
    this.count++;
    if (this.matching) this.keys.push(o.key);
    for (let k = 0; k < o.n; k++) {
      const a = o.agent[k] as number;
      this.room(a);
      this.replies[a] = (this.replies[a] as number) + (o.replies[k] as number);
      this.notes[a] = (this.notes[a] as number) + (o.notes[k] as number);
      this.touched[a] = (this.touched[a] as number) + 1;
    }
    const s = o.solver;
    if (s >= 0) {
      this.room(s);
      this.solved[s] = (this.solved[s] as number) + 1;
      this.one[s] = (this.one[s] as number) + o.one;
      this.two[s] = (this.two[s] as number) + o.two;
    }
  }

  mergeFrom(o: AgentAccumulator): void {
    // Another call's params number agents otherwise (a chunk's): through the agent ids.
    if (o.p !== this.p) {
      this.load(o.save());
      return;
    }
    this.room(o.replies.length - 1);
    for (const k of COUNTERS) {
      const mine = this[k];
      const theirs = o[k];
      for (let a = 0; a < theirs.length; a++) mine[a] = (mine[a] as number) + (theirs[a] as number);
    }
    for (const key of o.keys) this.keys.push(key);
    this.count += o.count;
  }

  /**
   * `{ count, keys, agents }`: the tickets counted, their ids (when responses are matched), and the counters of
   * each agent with any (`SavedAgent` rows, by id in UTF-16 order, the null agent first).
   */
  override save(): unknown {
    const names = (this.p as Params).names;
    const agents: SavedAgent[] = [];
    for (let a = 0; a < this.replies.length && a < names.length; a++) {
      const row = COUNTERS.map((k) => this[k][a] as number);
      if (row.every((x) => x === 0)) continue;
      agents.push([names[a] as string | null, ...row] as unknown as SavedAgent);
    }
    agents.sort((x, y) => (x[0] === y[0] ? 0 : x[0] === null ? -1 : y[0] === null ? 1 : x[0] < y[0] ? -1 : 1));
    return { count: this.count, keys: this.keys.slice(), agents };
  }

  override load(saved: unknown): void {
    const s = saved as { readonly count: number; readonly keys: readonly string[]; readonly agents: readonly SavedAgent[] };
    const p = this.p as Params;
    for (const row of s.agents) {
      const a = agentIndex(p, row[0]);
      this.room(a);
      COUNTERS.forEach((k, i) => {
        this[k][a] = (this[k][a] as number) + (row[i + 1] as number);
      });
    }
    for (const key of s.keys) this.keys.push(key);
    this.count += s.count;
  }

  protected override reset(): void {
    for (const k of COUNTERS) this[k] = new Float64Array(16);
    this.keys = [];
    this.count = 0;
    this.p = undefined; // the driver keeps an emptied accumulator: it must not hold the call's params
  }
}

const METRIC: TicketMetric<Params, AgentAccumulator, AgentActivityResult> = {
  name: NAME,
  qualifying: true,
  optionKeys: ['surveys', 'surveyScale', 'satisfiedFrom', 'period', 'attributeTo', 'confidence'],
  params(o, ctx) {
    const scale = readScale(NAME, o.surveyScale, '1-5', 'surveyScale');
    const points = scale.max - scale.min + 1;
    const satisfiedFrom = o.satisfiedFrom === undefined ? (points <= 3 ? scale.max : scale.max - 1) : readWhole(NAME, 'satisfiedFrom', o.satisfiedFrom, scale.min, scale.max);
    const names: (string | null)[] = [null];
    const ids = new Map<string, number>();
    const surveys = readSurveys(o.surveys, scale, ctx.invalid ?? 'throw', { names, ids });
    return {
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'created'),
      level: readConfidence(NAME, o.confidence),
      scale,
      satisfiedFrom,
      names,
      ids,
      surveys,
      out: new Contribution(),
      matching: surveys.byTicket.size > 0,
    };
  },
  level: () => LEVEL_EVENTS,
  step: collectActivity,
  start: (p) => new AgentAccumulator(p),
  finish: (acc, p, overall) => finishActivity(acc, p, acc === overall),
};

// The kind bytes the step tests, computed once (src/read/ticketColumns.ts).
const SHIFT = KIND_SHIFT;
const AGENT = K_AGENT;
const REPLY = Q_REPLY;
const PUBLIC = Q_PUBLIC;

/** The definition, for ticket j: its contribution (in `p.out`), 1; or why it is not counted. */
function collectActivity(c: TicketColumns, j: number, p: Params): number | AgentActivityExclusion {
  const f = c.flags[j] as number;
  if ((f & F_EVENTS) === 0) return 'summary_only';
  const outside = outsidePeriod(p.period, c, j);
  if (outside !== undefined) return outside;
  const out = p.out;
  out.n = 0;
  out.solver = -1;
  out.one = 0;
  out.two = 0;
  if (p.matching) out.key = recordKey(c.records, c.base + j);
  // An agent-created ticket's opening message is not a reply (Zendesk's `replies`).
  const opening = (f & F_AGENT_CREATED) !== 0 && (f & F_FIRST_QUALIFIES) !== 0 ? 1 : 0;
  let skip = opening;
  const { evKind } = c;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if (b >> SHIFT !== AGENT) {
      if ((b & REPLY) !== 0 && skip > 0) skip--; // the opening reply may be a predicate's choice
      continue;
    }
    const id = rawEvent(c, j, e)?.authorId;
    const k = out.slot(agentIndex(p, typeof id === 'string' && id.length > 0 ? id : null));
    if ((b & REPLY) !== 0) {
      if (skip > 0) skip--;
      else out.replies[k] = (out.replies[k] as number) + 1;
    } else if ((b & PUBLIC) === 0) {
      out.notes[k] = (out.notes[k] as number) + 1;
    }
  }
  if (resolvedNow(c, j)) {
    out.solver = agentIndex(p, ticketAttribution(c, j, 'assignee') as string | null);
    if (c.reopens[j] === 0) {
      const replies = (c.replies[j] as number) - opening;
      out.one = replies === 1 ? 1 : 0;
      out.two = replies === 2 ? 1 : 0;
    }
  }
  return 1;
}

function recordKey(records: ArrayLike<unknown>, i: number): string {
  const id = (records[i] as { id: string | number }).id;
  return typeof id === 'string' ? id : String(id);
}

/** The rows and the survey accounting of one accumulator (the whole, or a group). */
function finishActivity(acc: AgentAccumulator, p: Params, whole: boolean): AgentActivityResult {
  const s = p.surveys;
  const n = s.label.length;
  const span = p.scale.max - p.scale.min + 1;
  // Responses of this accumulator's counted tickets.
  const matched = new Uint8Array(n);
  for (const key of acc.keys) {
    const list = s.byTicket.get(key);
    if (list !== undefined) for (const i of list) matched[i] = 1;
  }
  const ledger: ExclusionLedger<AgentActivitySurveyExclusion> = createLedger();
  const hist = new Map<number, Float64Array>();
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const label = s.label[i] as string;
    if (s.bad[i] === 1) {
      if (whole) exclude(ledger, s.invalid.get(i) as InvalidReason, label);
      continue;
    }
    if (matched[i] === 0) {
      if (whole) exclude(ledger, s.ticket[i] === undefined ? 'no_ticket' : 'ticket_not_counted', label);
      continue;
    }
    const score = s.score[i] as number;
    if (score !== score) exclude(ledger, 'no_answer', label);
    else if (s.agent[i] === -1) exclude(ledger, 'no_agent', label);
    else {
      const a = s.agent[i] as number;
      let h = hist.get(a);
      if (h === undefined) hist.set(a, (h = new Float64Array(span)));
      h[score - p.scale.min] = (h[score - p.scale.min] as number) + 1;
      counted++;
    }
  }
  const rows: AgentActivityRow[] = [];
  const none: Excluded<never> = { total: 0, byReason: {}, ids: {} };
  for (let a = 0; a < p.names.length; a++) {
    const h = hist.get(a);
    const any = a < acc.replies.length && ((acc.touched[a] as number) > 0 || (acc.solved[a] as number) > 0);
    if (!any && h === undefined) continue;
    const get = (x: Float64Array): number => (a < x.length ? (x[a] as number) : 0);
    rows.push({
      agentId: p.names[a] as string | null,
      publicReplies: get(acc.replies),
      internalNotes: get(acc.notes),
      ticketsTouched: get(acc.touched),
      ticketsSolved: get(acc.solved),
      oneTouch: get(acc.one),
      twoTouch: get(acc.two),
      satisfaction: satisfactionOf(h, p, none),
    });
  }
  rows.sort((x, y) => (x.agentId === y.agentId ? 0 : x.agentId === null ? 1 : y.agentId === null ? -1 : x.agentId < y.agentId ? -1 : 1));
  return {
    agents: rows,
    count: acc.count,
    excluded: acc.excluded<AgentActivityExclusion>(),
    responses: { count: counted, excluded: finishLedger(ledger) },
  };
}

/** CSAT, mean and NPS of one agent's score histogram. */
function satisfactionOf(h: Float64Array | undefined, p: Params, none: Excluded<never>): AgentSatisfaction {
  const { min, max } = p.scale;
  let rated = 0;
  let satisfied = 0;
  let sum = 0;
  let promoters = 0;
  let detractors = 0;
  if (h !== undefined) {
    for (let k = 0; k < h.length; k++) {
      const x = h[k] as number;
      const v = min + k;
      rated += x;
      sum += x * v;
      if (v >= p.satisfiedFrom) satisfied += x;
      if (v >= 9) promoters += x;
      else if (v <= 6) detractors += x;
    }
  }
  const nps = min === 0 && max === 10 && rated > 0 ? toDouble(new D(promoters - detractors).times(100).div(rated)) : undefined;
  return {
    rated,
    satisfied,
    csat: buildRate<never>(satisfied, rated, none, p.level),
    meanScore: rated === 0 ? undefined : toDouble(new D(sum).div(rated)),
    nps,
  };
}

/**
 * Agent activity: one row per agent with the replies, notes, tickets touched and solved, one- and two-touch
 * resolutions, and the satisfaction of the responses naming the agent, like a helpdesk's agent performance
 * report. With `by` (a channel, a week), every group has its own rows.
 *
 * Who wrote a message is its `authorId` (`author: 'agent'` messages; bots are never agents: see
 * {@link botResolutionRate}); who solved a ticket is its assignee (`assigneeId`, else its last assignment event: the
 * `'assignee'` of `by`), as Zendesk's "Solved tickets" by assignee and Freshdesk's "Tickets resolved" count them.
 * Every ticket is counted or excluded, every response counted or excluded.
 *
 * Cost: one pass over the tickets, O(events), plus O(responses) per result (each group counts its own).
 *
 * @category Agents
 * @param tickets - tickets with `events` (messages with `authorId`, assignment events); or a prepared set
 * @param options - the survey responses and their scale, the period, the breakdown
 * @returns an {@link AgentActivityResult}
 * @example
 * ```ts
 * import { agentActivity } from 'helpdesk-metrics';
 * const r = agentActivity([
 *   { id: 'B-1', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'assignment', at: '2026-03-02T09:05:00Z', assigneeId: 'A1' },
 *     { type: 'message', at: '2026-03-02T09:10:00Z', author: 'agent', authorId: 'A1' },
 *     { type: 'status', at: '2026-03-02T09:30:00Z', status: 'solved' },
 *   ] },
 * ], { surveys: [{ ticketId: 'B-1', agentId: 'A1', score: 5 }] });
 * r.agents.map((a) => [a.agentId, a.publicReplies, a.ticketsSolved, a.oneTouch, a.satisfaction.csat.percent]);
 * //=> [['A1', 1, 1, 1, 100]]
 * ```
 */
export function agentActivity(tickets: readonly Ticket[] | PreparedTickets, options?: AgentActivityOptions): AgentActivityResult {
  return runTicketMetric(METRIC, tickets, options);
}
