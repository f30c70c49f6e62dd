/**
 * Report section: business hours and SLA compliance on the bundled sample tickets.
 */
import { createSchedule, explainBusinessDuration, firstResponseTime, resolutionTime, slaCompliance, type Ticket } from '../../src/index.js';
import { formatExcluded, formatMs, formatPercent, type ReportSection } from './table.js';

const HOUR = 3_600_000;
const lunch = [['09:00', '12:00'], ['13:00', '17:00']] as const;

/** Sections for examples/report.ts. */
export function businessHoursSections(tickets: readonly Ticket[]): ReportSection[] {
  const office = createSchedule({
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    weekly: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch },
    holidays: [{ month: 1, day: 1, name: 'New Year' }, '2026-04-03', '2026-04-06'],
  });
  const calendar = firstResponseTime(tickets);
  const business = firstResponseTime(tickets, { businessHours: office });
  const resolution = resolutionTime(tickets, { businessHours: office });
  const x = explainBusinessDuration('2026-04-02T16:00:00+02:00', '2026-04-07T10:00:00+02:00', office);
  const sla = slaCompliance(tickets, {
    targets: {
      urgent: { firstReply: HOUR, nextReply: HOUR, resolution: 8 * HOUR },
      high: { firstReply: 4 * HOUR, nextReply: 4 * HOUR, resolution: 24 * HOUR },
      normal: { firstReply: 8 * HOUR, resolution: 40 * HOUR },
      low: { firstReply: 16 * HOUR, resolution: 80 * HOUR },
    },
    businessHours: office,
    at: Date.UTC(2026, 1, 6),
  });
  const rate = (s: { achieved: number; breached: number; pending: number; rate: { percent: number | undefined } }) => ({
    value: formatPercent(s.rate.percent),
    detail: `achieved ${s.achieved} / (achieved + breached ${s.breached}); pending ${s.pending}`,
  });
  return [
    {
      title: 'Business hours (Berlin, Mon–Fri 09–12 + 13–17, holidays)',
      rows: [
        { metric: 'FRT mean, calendar time', value: formatMs(calendar.meanMs), detail: `n = ${calendar.count}; ${formatExcluded(calendar.excluded.byReason)}` },
        { metric: 'FRT mean / median, business time', value: `${formatMs(business.meanMs)} / ${formatMs(business.medianMs)}`, detail: `n = ${business.count}; one schedule for the whole span (Zendesk rule)` },
        { metric: 'Full resolution time mean, business time', value: formatMs(resolution.meanMs), detail: `n = ${resolution.count}; ${formatExcluded(resolution.excluded.byReason)}` },
        {
          metric: 'Explained: Thu 2 Apr 16:00 → Tue 7 Apr 10:00',
          value: formatMs(x.totalMs),
          detail: x.days.map((d) => `${d.date} ${formatMs(d.ms)}${d.holiday ? ' (holiday)' : ''}`).join('; '),
        },
      ],
    },
    {
      title: 'SLA compliance (business hours, as of 2026-02-06)',
      rows: [
        { metric: 'Tickets achieving every target', ...rate(sla.overall) },
        { metric: 'First reply targets', ...rate(sla.byTarget.firstReply) },
        { metric: 'Next reply targets', ...rate(sla.byTarget.nextReply) },
        { metric: 'Resolution targets', ...rate(sla.byTarget.resolution) },
        ...Object.entries(sla.byPriority).map(([p, g]) => ({ metric: `Tickets achieving, priority ${p}`, ...rate(g.overall) })),
        { metric: 'Tickets evaluated', value: String(sla.count), detail: formatExcluded(sla.excluded.byReason) },
      ],
    },
  ];
}
