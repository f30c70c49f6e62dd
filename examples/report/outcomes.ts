/**
 * Report sections for the outcome metrics, computed on the bundled sample tickets (examples/data).
 */
import { backlog } from '../../src/metrics/backlog/index.js';
import { backlogSeries } from '../../src/metrics/backlogSeries/index.js';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import { interactionsPerTicket } from '../../src/metrics/interactionsPerTicket/index.js';
import { reopenRate } from '../../src/metrics/reopenRate/index.js';
import { resolutionRate } from '../../src/metrics/resolutionRate/index.js';
import { ticketVolume } from '../../src/metrics/ticketVolume/index.js';
import type { RateResult } from '../../src/results/rate.js';
import type { Ticket } from '../../src/model/index.js';
import { formatExcluded, formatMs, formatPercent, type ReportRow, type ReportSection } from './table.js';

const DAY = 86_400_000;

function rateRow(metric: string, r: RateResult): ReportRow {
  const ci = r.interval === undefined ? '' : ` (95 % CI ${formatPercent(r.interval.low * 100)}–${formatPercent(r.interval.high * 100)})`;
  return { metric, value: formatPercent(r.percent), detail: `${r.numerator}/${r.denominator}${ci}; ${formatExcluded(r.excluded.byReason)}` };
}

/** The outcome metrics' sections. */
export function outcomesSections(tickets: readonly Ticket[], from: number): ReportSection[] {
  const at = from + 20 * DAY;
  const b = backlog(tickets, { at });
  const series = backlogSeries(tickets, { from: from + 14 * DAY, to: from + 21 * DAY, interval: 'day', timeZone: 'Europe/Paris' });
  const ipt = interactionsPerTicket(tickets);
  const vol = ticketVolume(tickets, { interval: 'week', timeZone: 'Europe/Paris', by: 'channel' });
  return [
    {
      title: `Ticket outcomes — ${tickets.length} sample tickets`,
      rows: [
        rateRow('FCR, one-touch (Zendesk)', firstContactResolution(tickets)),
        rateRow('FCR, no customer follow-up (Freshworks)', firstContactResolution(tickets, { definition: 'no-customer-follow-up' })),
        rateRow('FCR, no repeat contact in 7 d', firstContactResolution(tickets, { definition: 'no-repeat-contact' })),
        rateRow('Resolution rate (latest status)', resolutionRate(tickets)),
        rateRow('Resolved within 24 h', resolutionRate(tickets, { within: DAY })),
        rateRow('Reopen rate', reopenRate(tickets)),
        { metric: 'Agent replies per resolved ticket', value: ipt.mean === undefined ? '—' : ipt.mean.toFixed(2), detail: `median ${ipt.median ?? '—'}; ${Object.entries(ipt.distribution).map(([k, v]) => `${k}: ${v}`).join(', ')}; ${formatExcluded(ipt.excluded.byReason)}` },
      ],
    },
    {
      title: `Backlog at ${new Date(at).toISOString()}`,
      rows: [
        { metric: 'Backlog (unsolved)', value: String(b.count), detail: `aged > 7 d: ${b.aged}; ${Object.entries(b.byAge).map(([k, v]) => `${k}: ${v}`).join(', ')}` },
        { metric: 'Backlog age, median', value: formatMs(b.ageSummary.medianMs), detail: `mean ${formatMs(b.ageSummary.meanMs)}, p90 ${formatMs(b.ageSummary.percentilesMs.p90)}` },
        ...series.buckets.map((x): ReportRow => ({ metric: `Backlog end of ${x.label} (Paris)`, value: String(x.backlog), detail: `created ${x.created}, resolved ${x.resolved}, reopened ${x.reopened}` })),
      ],
    },
    {
      title: 'Ticket volume per week (Europe/Paris, weeks from Monday)',
      rows: vol.buckets.map((x): ReportRow => ({
        metric: `Week of ${x.label}`,
        value: String(x.count),
        detail: Object.entries(x.byKey ?? {}).map(([k, v]) => `${k} ${v}`).join(', '),
      })).concat([{ metric: 'Average per week', value: vol.averagePerBucket === undefined ? '—' : vol.averagePerBucket.toFixed(1), detail: `${vol.total} tickets in ${vol.buckets.length} weeks; ${formatExcluded(vol.excluded.byReason)}` }]),
    },
  ];
}
