/** The plan of the streaming bench (bench/stream.bench.ts). */
import type { MetricPlan } from '../src/index.js';
import { START_MS } from './files.js';

const DAY = 86_400_000;

/** The dashboard of the breakdowns issue (bench/pipeline.bench.ts): ten ticket metrics, each by channel. */
export const DASHBOARD: MetricPlan = {
  firstResponseTime: { metric: 'firstResponseTime', options: { by: 'channel' } },
  averageResponseTime: { metric: 'averageResponseTime', options: { by: 'channel' } },
  firstResolutionTime: { metric: 'resolutionTime', options: { resolution: 'first', by: 'channel' } },
  fullResolutionTime: { metric: 'resolutionTime', options: { by: 'channel' } },
  firstContactResolution: { metric: 'firstContactResolution', options: { by: 'channel' } },
  resolutionRate: { metric: 'resolutionRate', options: { by: 'channel' } },
  reopenRate: { metric: 'reopenRate', options: { by: 'channel' } },
  backlog: { metric: 'backlog', options: { at: START_MS + 180 * DAY, by: 'channel' } },
  interactionsPerTicket: { metric: 'interactionsPerTicket', options: { by: 'channel' } },
  ticketVolume: { metric: 'ticketVolume', options: { interval: 'day', timeZone: 'UTC', by: 'channel' } },
};

