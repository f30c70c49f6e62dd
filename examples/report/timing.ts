/** Report section: ticket timing metrics on the bundled sample tickets. */
import { averageResponseTime, firstResponseTime, resolutionTime, type DurationSummary, type Ticket } from '../../src/index.js';
import { formatExcluded, formatMs, type ReportRow, type ReportSection } from './table.js';

function rowsOf(label: string, s: DurationSummary, counted = `n = ${s.count}`): ReportRow[] {
  return [
    { metric: `${label}: mean`, value: formatMs(s.meanMs), detail: `${counted}; ${formatExcluded(s.excluded.byReason)}` },
    { metric: `${label}: median / p90`, value: `${formatMs(s.medianMs)} / ${formatMs(s.percentilesMs.p90)}`, detail: `quantiles ${s.quantileMethod}` },
  ];
}

export function timingSections(tickets: readonly Ticket[]): ReportSection[] {
  const frt = firstResponseTime(tickets);
  const frtCustomer = firstResponseTime(tickets, { preset: 'gorgias' });
  const art = averageResponseTime(tickets);
  const artTicket = averageResponseTime(tickets, { per: 'ticket' });
  const full = resolutionTime(tickets);
  const first = resolutionTime(tickets, { resolution: 'first' });
  return [
    {
      title: `Ticket timing (calendar time) — ${tickets.length} sample tickets`,
      rows: [
        ...rowsOf('First response time (FRT, Zendesk)', frt),
        ...rowsOf('FRT from first customer message (Gorgias)', frtCustomer),
        ...rowsOf('Response time, per reply cycle', art, `${art.cycleCount} cycles in ${art.ticketCount} tickets, ${art.openCycles} open`),
        ...rowsOf('Response time, per ticket', artTicket, `n = ${artTicket.count} tickets`),
        ...rowsOf('Full resolution time (ART = mean)', full),
        ...rowsOf('First resolution time', first),
      ],
    },
  ];
}
