/**
 * Report section: contact-centre metrics on a seeded sample of 2,000 calls, and Erlang C staffing for it.
 */
import { abandonmentRate } from '../../src/metrics/abandonmentRate/index.js';
import { averageAbandonTime } from '../../src/metrics/averageAbandonTime/index.js';
import { averageHandleTime } from '../../src/metrics/averageHandleTime/index.js';
import { averageSpeedOfAnswer } from '../../src/metrics/averageSpeedOfAnswer/index.js';
import { serviceLevel, type AbandonedTreatment } from '../../src/metrics/serviceLevel/index.js';
import { erlangC } from '../../src/queueing/erlangC/index.js';
import { requiredAgents } from '../../src/queueing/requiredAgents/index.js';
import type { RateResult } from '../../src/results/rate.js';
import type { DurationSummary } from '../../src/results/durationSummary.js';
import { generateCalls } from '../../bench/generate-calls.js';
import { formatExcluded, formatMs, formatPercent, type ReportRow, type ReportSection } from './table.js';

function rateRow(metric: string, r: RateResult): ReportRow {
  return { metric, value: formatPercent(r.percent), detail: `${r.numerator}/${r.denominator}; ${formatExcluded(r.excluded.byReason)}` };
}

function durationRow(metric: string, s: DurationSummary): ReportRow {
  return {
    metric,
    value: formatMs(s.meanMs),
    detail: `n ${s.count}, median ${formatMs(s.medianMs)}, p90 ${formatMs(s.percentilesMs.p90)}; ${formatExcluded(s.excluded.byReason)}`,
  };
}

export function contactCentreSections(): ReportSection[] {
  const calls = generateCalls(2_000, { seed: 20260302 });
  const modes: AbandonedTreatment[] = ['negative', 'ignore', 'positive', 'exclude-short', 'after-threshold'];
  const aht = averageHandleTime(calls);
  // Staffing: 100 calls per half hour at the sample's AHT, 80/20.
  const staffing = requiredAgents({
    arrivalsPerInterval: 100,
    intervalMs: 1_800_000,
    averageHandleTimeMs: Math.round(aht.meanMs ?? 180_000),
    targetAnswerMs: 20_000,
    targetServiceLevel: 0.8,
    maxOccupancy: 0.85,
    shrinkage: 0.3,
  });
  const example = erlangC({ arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000, agents: 14, targetAnswerMs: 20_000 });
  return [
    {
      title: 'Contact centre (2,000 synthetic calls, seed 20260302)',
      rows: [
        rateRow('Abandonment rate (short abandons < 5 s excluded)', abandonmentRate(calls)),
        rateRow('Abandonment rate (all abandons)', abandonmentRate(calls, { shortAbandons: 'include' })),
        ...modes.map((m) => rateRow(`Service level 20 s, abandons '${m}'`, serviceLevel(calls, { thresholdMs: 20_000, abandoned: m }))),
        durationRow('Average speed of answer (queue → answer)', averageSpeedOfAnswer(calls)),
        durationRow('Average handle time (talk + hold + wrap-up)', aht),
        durationRow('Average abandon time', averageAbandonTime(calls)),
      ],
    },
    {
      title: 'Erlang C staffing',
      rows: [
        {
          metric: 'Erlang C, 10 Erlangs, 14 agents (published example)',
          value: formatPercent(example.serviceLevel * 100),
          detail: `P(wait) ${example.probabilityOfWaiting.toFixed(4)}, ASA ${formatMs(example.averageSpeedOfAnswerMs)}, occupancy ${formatPercent(example.occupancy * 100)}`,
        },
        {
          metric: `Agents for 100 calls/30 min at AHT ${formatMs(aht.meanMs)}, 80/20`,
          value: `${staffing.agents} (${staffing.rosteredAgents} rostered)`,
          detail: `A ${staffing.trafficErlangs.toFixed(2)} Erl, SL ${formatPercent(staffing.serviceLevel * 100)}, occupancy ${formatPercent(staffing.occupancy * 100)}, shrinkage 30%, one fewer misses: ${staffing.binding.join(', ')}`,
        },
      ],
    },
  ];
}
