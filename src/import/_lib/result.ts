/**
 * What every importer returns, and the log they fill while reading: each input record is counted in its
 * collection as imported or excluded (with a reason), and every inference is a typed warning.
 *
 * @module
 */
import type { InvalidMode } from '../../_lib/tickets.js';
import type { SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { MetricsError } from '../../results/errors.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * Why an input record did not become a ticket, an event or a survey response:
 * - `deleted`: deleted in the helpdesk (a deleted message or thread; deleted *tickets* are kept, flagged
 *   `deleted: true`);
 * - `draft`: a draft or a message under review, never sent;
 * - `unknown_kind`: a record type the importer does not know (a new Intercom part type, say);
 * - `not_modelled`: a known record type that carries nothing the model holds (a subject change, a
 *   participant added, a tag change);
 * - `unknown_ticket`: an event, comment or rating of a ticket that is not in the input;
 * - `duplicate`: a second record with the same id (the one kept is the latest by `updated_at`, else the first);
 * - `superseded`: a summary record (Zendesk `ticket_metrics`) of a ticket whose history came from audits or
 *   comments;
 * - `before_creation`: an event timed before its ticket's creation (clock skew, imported tickets);
 * - `not_sent`: a survey that was never offered (Zendesk `unoffered`);
 * - `empty_row`: an export row with no value at all;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Import
 */
export type ImportExclusionReason =
  | 'deleted'
  | 'draft'
  | 'unknown_kind'
  | 'not_modelled'
  | 'unknown_ticket'
  | 'duplicate'
  | 'superseded'
  | 'before_creation'
  | 'not_sent'
  | 'empty_row'
  | InvalidReason;

/**
 * What an importer inferred or could not know:
 * - `reopen_inferred`: a customer message after a resolution, with no status change, taken as a reopen
 *   (Intercom and Chatwoot reopen a conversation when the customer writes);
 * - `channel_unmapped`: a channel value with no mapping, kept as given;
 * - `minute_precision`: durations and instants built from whole minutes (Zendesk metrics);
 * - `role_inferred`: an author's role guessed without the users collection;
 * - `created_by_inferred`: who opened the ticket, inferred (Zendesk export: submitter ≠ requester);
 * - `first_resolution_unknown`: reopened, and the source gives only the latest resolution;
 * - `reopens_lower_bound`: reopened at least once, how often unknown;
 * - `merge_target_unknown`: merged (by tag or text), but the surviving ticket could not be identified;
 * - `metrics_disagree`: the helpdesk's own summary disagrees with the history read;
 * - `status_inferred`: a status taken from a summary instant or a current status, not from a history.
 *
 * @category Import
 */
export type ImportWarningCode =
  | 'reopen_inferred'
  | 'channel_unmapped'
  | 'minute_precision'
  | 'role_inferred'
  | 'created_by_inferred'
  | 'first_resolution_unknown'
  | 'reopens_lower_bound'
  | 'merge_target_unknown'
  | 'metrics_disagree'
  | 'status_inferred';

/**
 * Which input record an exclusion or a warning is about. For a nested record (an audit event, a conversation
 * part, a thread) `index` is its position in its parent's list and `ticketId` the parent ticket's id.
 *
 * @category Import
 */
export interface ImportRecordRef {
  /** The input collection: `'tickets'`, `'audits'`, `'audit_events'`, `'conversation_parts'`, `'rows'`, .... */
  readonly collection: string;
  /** Position in the collection (nested records: in the parent's list). */
  readonly index: number;
  /** The record's own id, when it has one. */
  readonly id?: string;
  /** The record's kind as the vendor names it (`'Comment'`, `'note'`, `'lineitem'`, `'activity'`). */
  readonly kind?: string;
  /** The ticket (conversation) the record belongs to. */
  readonly ticketId?: string;
}

/**
 * One input record that was left out, and why.
 *
 * @category Import
 */
export interface ImportExclusion {
  readonly reason: ImportExclusionReason;
  readonly record: ImportRecordRef;
  /** The rule broken (`invalid:<code>`), or what was found. */
  readonly detail?: string;
}

/**
 * Every input record left out, by reason. `total` is the sum of `byReason`.
 *
 * @category Import
 */
export interface ImportExcluded {
  readonly total: number;
  readonly byReason: Readonly<Partial<Record<ImportExclusionReason, number>>>;
  readonly records: readonly ImportExclusion[];
}

/**
 * Something an importer inferred, or could not know.
 *
 * @category Import
 */
export interface ImportWarning {
  readonly code: ImportWarningCode;
  readonly message: string;
  /** The record it is about; absent for a warning about the whole input (minute precision). */
  readonly record?: ImportRecordRef;
}

/**
 * The accounting of one input collection: `imported + excluded = input`, always.
 *
 * @category Import
 */
export interface ImportCount {
  readonly collection: string;
  readonly input: number;
  /** Records that became a ticket, an event or a survey response, or were applied to a ticket (a user's role). */
  readonly imported: number;
  readonly excluded: number;
}

/**
 * What every importer returns: the library's model (every metric runs on it unchanged), and the account of
 * every input record.
 *
 * @category Import
 */
export interface ImportResult {
  readonly tickets: Ticket[];
  /** Survey responses (ratings), when the source has them. */
  readonly surveys?: SurveyResponse[];
  readonly excluded: ImportExcluded;
  readonly warnings: readonly ImportWarning[];
  /** Per input collection (nested ones too, counted when their parent was read). */
  readonly counts: readonly ImportCount[];
}

interface Count {
  input: number;
  imported: number;
  excluded: number;
}

/**
 * Options every vendor importer takes.
 *
 * @category Import
 */
export interface ImportOptions {
  /** A bad record: throw a `MetricsError`, or exclude it as `invalid:<code>`. @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
  /** The vendor's status labels (case-insensitive) onto canonical statuses, over the importer's own (docs/import.md). */
  readonly statusMap?: Readonly<Record<string, TicketStatus>>;
  /** The vendor's channel values (case-insensitive) onto channel names, over the importer's own (docs/import.md). */
  readonly channelMap?: Readonly<Record<string, string>>;
}

/** @internal The per-call log of an importer: counts per collection, exclusions, warnings. */
export class ImportLog {
  private readonly counts = new Map<string, Count>();
  private readonly exclusions: ImportExclusion[] = [];
  private readonly warnings: ImportWarning[] = [];
  private readonly once = new Set<string>();

  constructor(readonly functionName: string) {}

  private count(collection: string): Count {
    let c = this.counts.get(collection);
    if (c === undefined) {
      c = { input: 0, imported: 0, excluded: 0 };
      this.counts.set(collection, c);
    }
    return c;
  }

  /** Declares `n` input records of `collection` (also 0, so that the collection is listed). */
  input(collection: string, n: number): void {
    this.count(collection).input += n;
  }

  imported(collection: string, n = 1): void {
    this.count(collection).imported += n;
  }

  exclude(reason: ImportExclusionReason, record: ImportRecordRef, detail?: string): void {
    this.count(record.collection).excluded++;
    this.exclusions.push(detail === undefined ? { reason, record } : { reason, record, detail });
  }

  warn(code: ImportWarningCode, message: string, record?: ImportRecordRef): void {
    this.warnings.push(record === undefined ? { code, message } : { code, message, record });
  }

  /** A warning about the whole input, given once per code. */
  warnOnce(code: ImportWarningCode, message: string): void {
    if (this.once.has(code)) return;
    this.once.add(code);
    this.warn(code, message);
  }

  /** The result; checks that every collection adds up (a failure is a bug in the importer). */
  finish(tickets: Ticket[], surveys?: SurveyResponse[]): ImportResult {
    const counts: ImportCount[] = [];
    for (const [collection, c] of this.counts) {
      if (c.imported + c.excluded !== c.input) {
        throw new MetricsError({
          code: 'internal',
          functionName: this.functionName,
          field: collection,
          rule: `${collection}: ${c.imported} imported + ${c.excluded} excluded ≠ ${c.input} input records`,
        });
      }
      counts.push({ collection, input: c.input, imported: c.imported, excluded: c.excluded });
    }
    const byReason = new Map<ImportExclusionReason, number>();
    for (const e of this.exclusions) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
    const excluded: ImportExcluded = {
      total: this.exclusions.length,
      byReason: Object.fromEntries(byReason) as Partial<Record<ImportExclusionReason, number>>,
      records: this.exclusions,
    };
    const base = { tickets, excluded, warnings: this.warnings, counts };
    return surveys === undefined ? base : { ...base, surveys };
  }
}
