/**
 * The progress line on stderr while the input is read: records, bytes (of the total when the files' sizes are
 * known), rate and time left, then what the metrics are doing. Drawn only when stderr is a terminal and not
 * `--quiet`; redrawn ten times a second at most, and cleared at the end.
 *
 * @internal
 * @module
 */
import type { ReadCounters } from './input.js';
import { count } from './format/text.js';

/** Bytes for people: `12.3 MB`. */
export function bytesText(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

function secondsText(s: number): string {
  if (!Number.isFinite(s)) return '…';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** The progress line as text (exported for its test). */
export function progressText(c: ReadCounters, totalBytes: number | undefined, elapsedMs: number, phase: string | undefined): string {
  if (phase !== undefined) return `${phase} · ${count(c.records)} records read`;
  const rate = elapsedMs > 0 ? (c.bytes / elapsedMs) * 1000 : 0;
  const parts = [`${count(c.records)} records`];
  if (totalBytes !== undefined && totalBytes > 0) {
    const share = Math.min(1, c.bytes / totalBytes);
    const filled = Math.round(share * 20);
    parts.unshift(`[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${(share * 100).toFixed(0)} %`);
    parts.push(`${bytesText(c.bytes)} of ${bytesText(totalBytes)}`);
    parts.push(`${bytesText(rate)}/s`);
    parts.push(`${secondsText(rate > 0 ? (totalBytes - c.bytes) / rate : Infinity)} left`);
  } else {
    parts.push(bytesText(c.bytes), `${bytesText(rate)}/s`);
  }
  return parts.join(' · ');
}

/** A progress line on a terminal; does nothing when `stream` is not one. */
export class Progress {
  private timer: ReturnType<typeof setInterval> | undefined;
  private phase: string | undefined;
  private readonly started: number;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly counters: ReadCounters,
    private readonly totalBytes: number | undefined,
    private readonly clock: () => number,
    enabled: boolean,
  ) {
    this.started = clock();
    if (enabled) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
  }

  /** Says what happens after reading (preparing, computing, writing). */
  setPhase(phase: string): void {
    this.phase = phase;
    this.draw();
  }

  private draw(): void {
    if (this.timer === undefined) return;
    const line = progressText(this.counters, this.totalBytes, this.clock() - this.started, this.phase);
    // A pseudo-terminal may report no width (0): assume a common one.
    const columns = this.stream.columns !== undefined && this.stream.columns > 20 ? this.stream.columns : 100;
    this.stream.write(`\r\x1b[K${line.slice(0, Math.max(10, columns - 1))}`);
  }

  /** Clears the line. */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\x1b[K');
  }
}
