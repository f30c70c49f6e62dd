/**
 * Report sections for the survey and cost metrics, on a small sample from bench/generate-surveys.ts (same
 * seeds every run).
 */
import { generateCostsAndContacts, generateCsatScores, generateNpsScores } from '../../bench/generate-surveys.js';
import { churnRate } from '../../src/metrics/churnRate/index.js';
import { compareNetPromoterScores } from '../../src/metrics/compareNetPromoterScores/index.js';
import { costPerContact } from '../../src/metrics/costPerContact/index.js';
import { customerEffortScore } from '../../src/metrics/customerEffortScore/index.js';
import { customerRetentionRate } from '../../src/metrics/customerRetentionRate/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { netPromoterScore } from '../../src/metrics/netPromoterScore/index.js';
import { formatExcluded, formatPercent, type ReportSection } from './table.js';

const signed = (x: number | undefined): string => (x === undefined ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);

export function surveysAndCostSections(): ReportSection[] {
  const march = netPromoterScore([...generateNpsScores(400, 61), null, null]);
  const april = netPromoterScore(generateNpsScores(350, 62));
  const cmp = compareNetPromoterScores(april, march);
  const csatScores = generateCsatScores(300, 71);
  const csat = customerSatisfactionScore(csatScores, { surveysSent: 900 });
  const cesScores = generateCsatScores(200, 72).map((x) => x + 2); // 3–7 on the CES 2.0 scale
  const ces = customerEffortScore(cesScores);
  const { costs, contacts } = generateCostsAndContacts(2500, 81);
  const cpc = costPerContact(costs, contacts, { allocateShared: 'by-contacts', decimalPlaces: 2 });
  const crr = customerRetentionRate({ customersAtStart: 1200, customersAtEnd: 1260, newCustomers: 150 });
  const churn = churnRate({ customersAtStart: 1200, customersAtEnd: 1260, newCustomers: 150 });
  return [
    {
      title: 'Surveys (NPS, CSAT, CES)',
      rows: [
        {
          metric: 'NPS, March (0–10, 9–10 vs 0–6)',
          value: signed(march.score),
          detail: `n ${march.count} (P ${march.promoters}, A ${march.passives}, D ${march.detractors}), ±${march.marginOfError?.toFixed(2)} at 95 %; ${formatExcluded(march.excluded.byReason)}`,
        },
        {
          metric: 'NPS, April',
          value: signed(april.score),
          detail: `n ${april.count}, SE ${april.standardError?.toFixed(2)}, ±${april.marginOfError?.toFixed(2)} at 95 %`,
        },
        {
          metric: 'NPS change April − March (z test)',
          value: signed(cmp.difference),
          detail: `SE ${cmp.standardError?.toFixed(2)}, z ${cmp.z?.toFixed(2)}, p ${cmp.pValue?.toFixed(3)}`,
        },
        {
          metric: 'CSAT (top-2-box, 4–5 of 1–5)',
          value: formatPercent(csat.score),
          detail: `${csat.numerator}/${csat.denominator}, Wilson ${formatPercent(csat.interval && csat.interval.low * 100)}–${formatPercent(csat.interval && csat.interval.high * 100)}; mean ${csat.mean?.toFixed(2)}; response rate ${formatPercent(csat.responseRate?.percent)}`,
        },
        {
          metric: 'CES 2.0 (mean of 1–7, higher = easier)',
          value: ces.score?.toFixed(2) ?? '—',
          detail: `n ${ces.count}; easy (5–7) ${formatPercent(ces.percent)}`,
        },
      ],
    },
    {
      title: 'Cost per contact and customers',
      rows: [
        {
          metric: 'Cost per contact (all costs / all contacts)',
          value: `${cpc.costPerContact?.toFixed(2)} ${cpc.currency}`,
          detail: `${cpc.totalCost.toFixed(2)} ${cpc.currency} / ${cpc.contacts} contacts`,
        },
        ...cpc.byChannel.map((c) => ({
          metric: `  ${c.channel ?? '(no channel)'} (shared costs by contact share)`,
          value: `${c.costPerContact?.toFixed(2) ?? '—'} ${cpc.currency}`,
          detail: `${c.directCost.toFixed(2)} direct + ${c.allocatedSharedCost.toFixed(2)} shared over ${c.contacts}`,
        })),
        {
          metric: 'Cost shares by category',
          value: '',
          detail: cpc.byCategory.map((c) => `${c.category ?? '—'} ${c.share?.times(100).toFixed(1)} %`).join(', '),
        },
        {
          metric: 'Customer retention rate ((E − N) / S)',
          value: formatPercent(crr.percent),
          detail: `(${crr.customersAtEnd} − ${crr.newCustomers}) / ${crr.customersAtStart}`,
        },
        {
          metric: 'Churn rate (lost / S)',
          value: formatPercent(churn.percent),
          detail: `${churn.customersLost} / ${churn.customersAtStart}`,
        },
      ],
    },
  ];
}
