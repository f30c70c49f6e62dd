/**
 * `--format json`: the whole report object (src/cli/report.ts), two-space indented: every figure with its
 * definition, n, numerator and denominator, interval and exclusions by reason; the chart series; every
 * breakdown as rows with `key` as `[dimension, value]` pairs.
 *
 * @internal
 * @module
 */
import type { Report } from '../report.js';

/** The report as JSON text. */
export function formatJson(r: Report): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
