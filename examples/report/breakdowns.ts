/** Report section: breakdowns on one prepared set — FRT and FCR by channel, FCR by first responder (agent). */
import { firstContactResolution, firstResponseTime, prepareTickets, type Ticket } from '../../src/index.js';
import { formatExcluded, formatMs, formatPercent, type ReportSection } from './table.js';

export function breakdownSections(tickets: readonly Ticket[]): ReportSection[] {
  // Validated once, read by every metric below.
  const prepared = prepareTickets(tickets);
  const frt = firstResponseTime(prepared, { by: 'channel' });
  const fcr = firstContactResolution(prepared, { by: 'channel' });
  const byAgent = firstContactResolution(prepared, { by: 'firstResponder' });
  return [
    {
      title: 'By channel (one prepared set)',
      rows: (frt.groups ?? []).map((g, i) => {
        const f = fcr.groups?.[i];
        return {
          metric: `${String(g.key.channel ?? '(no channel)')}: FRT median / FCR`,
          value: `${formatMs(g.medianMs)} / ${formatPercent(f?.percent)}`,
          detail: `FRT n = ${g.count}; FCR ${f?.numerator ?? 0}/${f?.denominator ?? 0}; ${formatExcluded(g.excluded.byReason)}`,
        };
      }),
    },
    {
      title: 'FCR by first responder (the agent whose reply FRT measures)',
      rows: (byAgent.groups ?? []).map((g) => ({
        metric: String(g.key.firstResponder ?? '(no reply or no author)'),
        value: formatPercent(g.percent),
        detail: `${g.numerator}/${g.denominator}; ${formatExcluded(g.excluded.byReason)}`,
      })),
    },
  ];
}
