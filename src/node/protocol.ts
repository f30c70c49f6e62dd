/**
 * The messages between the Node entry's main thread and its workers. Chunks go out as transferable
 * `ArrayBuffer`s of bytes; id labels come back as transferable typed arrays; states are plain data.
 *
 * ```
 * main                                  worker
 *  ── chunk k (bytes, spans) ──────────▶  parse; labels of the ids
 *  ◀────────── parsed k (count, newlines, bad lines, labels)
 *  (chunk order: id table, positions)
 *  ── go k (position, first line, duplicates) ─▶  add(records, { position, duplicates })
 *  ◀────────── added k | error k
 *  ── finish ─────────────────────────▶
 *  ◀────────── state (MetricSetState)
 * ```
 * A worker holds at most {@link CHUNKS_PER_WORKER} chunks: it parses the next one while the main thread
 * checks the ids of the last.
 *
 * @internal
 * @module
 */
import type { InvalidMode, MetricPlan, MetricSetState, MetricsErrorDetails } from '../index.js';
import type { BadRecord, ChunkIds } from './parse.js';
import type { StreamFormat } from './split.js';

/** Chunks a worker holds at once (being parsed, waiting for their ids to be checked, being added). */
export const CHUNKS_PER_WORKER = 2;

/** What a worker starts with (`workerData`). */
export interface WorkerInit {
  readonly plan: MetricPlan;
  readonly invalid: InvalidMode;
  readonly format: StreamFormat;
  /** Whether the main thread checks ids across chunks (labels are sent back). */
  readonly checkIds: boolean;
}

export type ToWorker =
  | { readonly t: 'chunk'; readonly k: number; readonly buf: ArrayBuffer; readonly length: number; readonly spans: Uint32Array | undefined; readonly newlines: number; readonly first: boolean }
  | { readonly t: 'go'; readonly k: number; readonly position: number; readonly lineBase: number; readonly duplicates: Uint32Array | undefined }
  | { readonly t: 'finish' };

/** A MetricsError as data (an Error loses its own properties in a structured clone). */
export type ErrorData = Omit<MetricsErrorDetails, 'cause'> & { readonly cause?: string; readonly message: string };

export type FromWorker =
  | { readonly t: 'parsed'; readonly k: number; readonly count: number; readonly newlines: number; readonly bad: readonly BadRecord[]; readonly fatal: BadRecord | undefined; readonly ids: ChunkIds | undefined }
  | { readonly t: 'added'; readonly k: number }
  | { readonly t: 'error'; readonly k: number; readonly error: ErrorData; readonly line: number | undefined }
  | { readonly t: 'crash'; readonly message: string; readonly stack: string | undefined }
  | { readonly t: 'state'; readonly state: MetricSetState };

/** The `ArrayBuffer`s of the typed arrays in a plain-data value (each once), to transfer rather than copy. */
export function transferables(value: unknown, out: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (depth > 64 || value === null || typeof value !== 'object') return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (value instanceof ArrayBuffer) {
    out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') transferables(v, out, depth + 1);
  } else {
    for (const v of Object.values(value)) if (v !== null && typeof v === 'object') transferables(v, out, depth + 1);
  }
  return [...out];
}

