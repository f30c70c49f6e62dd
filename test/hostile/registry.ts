/**
 * Which hostile test file covers each public function or class, and the documented option keys each takes
 * (the properties of its options type; coverage.test.ts checks both against src/index.ts, so a new export or a
 * new option without hostile coverage fails).
 */
export type Area = 'tickets' | 'calls' | 'surveys' | 'cost' | 'calendar' | 'queueing' | 'import' | 'misc';

export interface RegistryEntry {
  readonly area: Area;
  /** The exported options type whose properties are the option keys (absent: no options argument). */
  readonly optionsType?: string;
  readonly optionKeys?: readonly string[];
}

const TICKET_INPUT = ['invalid', 'statusMap', 'timeZone', 'allowEarlyTimestamps', 'spamTags', 'mergedTags'] as const;
/** The options every ticket metric takes beyond reading: eligibility and the breakdown. */
const ELIGIBILITY = ['excludeSpam', 'excludeDeleted', 'excludeMerged'] as const;
const TICKET_METRIC = [...TICKET_INPUT, ...ELIGIBILITY, 'by'] as const;
const SUMMARY = ['percentiles', 'quantileMethod'] as const;
const PERIOD = ['period', 'attributeTo'] as const;
const CALL_INPUT = ['invalid', 'timeZone', 'period', 'allowEarlyTimestamps', 'by'] as const;
/** What every survey score reads beyond its scale: `at` in a zone, early epochs, the breakdown. */
const SURVEY_INPUT = ['invalid', 'timeZone', 'allowEarlyTimestamps', 'by'] as const;
/** What the live-queue functions take: the instant, the SLA policy, the schedule, the near-breach window. */
const LIVE_QUEUE = ['at', 'policy', 'businessHours', 'nearBreachMs'] as const;
const CUSTOMER_RECORDS = ['period', 'timeZone', 'invalid'] as const;

export const REGISTRY: Readonly<Record<string, RegistryEntry>> = {
  firstResponseTime: {
    area: 'tickets',
    optionsType: 'FirstResponseTimeOptions',
    optionKeys: ['startAt', 'agentCreated', 'isQualifyingReply', 'preset', 'businessHours', ...TICKET_METRIC, ...SUMMARY, ...PERIOD],
  },
  averageResponseTime: {
    area: 'tickets',
    optionsType: 'AverageResponseTimeOptions',
    optionKeys: ['per', 'agentCreated', 'isQualifyingReply', 'businessHours', ...TICKET_METRIC, ...SUMMARY, ...PERIOD],
  },
  resolutionTime: {
    area: 'tickets',
    optionsType: 'ResolutionTimeOptions',
    optionKeys: ['resolution', 'pauseStatuses', 'businessHours', ...TICKET_METRIC, ...SUMMARY, ...PERIOD],
  },
  averageResolutionTime: {
    area: 'tickets',
    optionsType: 'AverageResolutionTimeOptions',
    optionKeys: ['resolution', 'pauseStatuses', 'businessHours', ...TICKET_INPUT, ...ELIGIBILITY, ...SUMMARY, ...PERIOD],
  },
  firstContactResolution: {
    area: 'tickets',
    optionsType: 'FirstContactResolutionOptions',
    optionKeys: [
      'definition',
      'maxAgentReplies',
      'touches',
      'botResolved',
      'countSilentSolves',
      'repeatContactWindowMs',
      'at',
      'asOf',
      'excludeUnresolved',
      'excludeAgentCreated',
      'excludeNoCustomerMessage',
      'eligible',
      'confidence',
      ...TICKET_METRIC,
      ...PERIOD,
    ],
  },
  resolutionRate: { area: 'tickets', optionsType: 'ResolutionRateOptions', optionKeys: ['period', 'at', 'asOf', 'within', 'confidence', ...TICKET_METRIC] },
  reopenRate: { area: 'tickets', optionsType: 'ReopenRateOptions', optionKeys: ['period', 'attributeTo', 'at', 'asOf', 'confidence', ...TICKET_METRIC] },
  backlog: { area: 'tickets', optionsType: 'BacklogOptions', optionKeys: ['at', 'olderThanMs', 'ageBuckets', 'businessHours', ...TICKET_METRIC, ...SUMMARY] },
  backlogSeries: {
    area: 'tickets',
    optionsType: 'BacklogSeriesOptions',
    optionKeys: ['period', 'from', 'to', 'interval', 'weekStartsOn', ...TICKET_METRIC],
  },
  interactionsPerTicket: {
    area: 'tickets',
    optionsType: 'InteractionsPerTicketOptions',
    optionKeys: ['count', 'includeBots', 'tickets', 'openEndedAt', ...TICKET_METRIC],
  },
  ticketVolume: {
    area: 'tickets',
    optionsType: 'TicketVolumeOptions',
    optionKeys: ['interval', 'period', 'from', 'to', 'weekStartsOn', ...TICKET_METRIC],
  },
  slaCompliance: {
    area: 'tickets',
    optionsType: 'SlaPolicy',
    optionKeys: ['targets', 'businessHours', 'defaultPriority', 'pauseStatuses', 'at', 'isQualifyingReply', ...TICKET_METRIC],
  },
  timeInStatus: {
    area: 'tickets',
    optionsType: 'TimeInStatusOptions',
    optionKeys: ['definition', 'statuses', 'includeReopenedSolves', 'businessHours', 'at', 'asOf', 'includeUnresolved', ...TICKET_METRIC, ...SUMMARY, ...PERIOD],
  },
  assignmentTime: { area: 'tickets', optionsType: 'AssignmentTimeOptions', optionKeys: ['measure', 'of', 'businessHours', ...TICKET_METRIC, ...SUMMARY, ...PERIOD] },
  assignmentStations: { area: 'tickets', optionsType: 'AssignmentStationsOptions', optionKeys: ['of', 'count', 'tickets', 'openEndedAt', ...TICKET_METRIC, ...PERIOD] },
  reassignmentRate: { area: 'tickets', optionsType: 'ReassignmentRateOptions', optionKeys: ['of', 'count', 'tickets', 'confidence', ...TICKET_METRIC, ...PERIOD] },
  agentActivity: {
    area: 'tickets',
    optionsType: 'AgentActivityOptions',
    optionKeys: ['surveys', 'surveyScale', 'satisfiedFrom', 'confidence', 'isQualifyingReply', ...TICKET_METRIC, ...PERIOD],
  },
  botResolutionRate: {
    area: 'tickets',
    optionsType: 'BotResolutionRateOptions',
    optionKeys: ['denominator', 'excludeUnresolved', 'confidence', 'isQualifyingReply', ...TICKET_METRIC, ...PERIOD],
  },
  prepareTickets: {
    area: 'tickets',
    optionsType: 'PrepareTicketsOptions',
    optionKeys: [...TICKET_INPUT, 'isQualifyingReply'],
  },
  prioritizeQueue: {
    area: 'tickets',
    optionsType: 'PrioritizeQueueOptions',
    optionKeys: [...LIVE_QUEUE, ...TICKET_INPUT, ...ELIGIBILITY, 'isQualifyingReply', 'rules'],
  },
  queueSnapshot: {
    area: 'tickets',
    optionsType: 'QueueSnapshotOptions',
    optionKeys: [...LIVE_QUEUE, ...TICKET_METRIC, 'isQualifyingReply', 'waitBuckets'],
  },

  abandonmentRate: { area: 'calls', optionsType: 'AbandonmentRateOptions', optionKeys: ['shortAbandonMs', 'shortAbandons', 'clockStartsAt', 'confidence', ...CALL_INPUT] },
  serviceLevel: {
    area: 'calls',
    optionsType: 'ServiceLevelOptions',
    optionKeys: ['thresholdMs', 'abandoned', 'shortAbandonMs', 'clockStartsAt', 'confidence', ...CALL_INPUT],
  },
  prepareCalls: { area: 'calls', optionsType: 'PrepareCallsOptions', optionKeys: ['invalid', 'timeZone', 'allowEarlyTimestamps'] },
  averageSpeedOfAnswer: { area: 'calls', optionsType: 'AverageSpeedOfAnswerOptions', optionKeys: ['clockStartsAt', ...CALL_INPUT, ...SUMMARY] },
  averageHandleTime: { area: 'calls', optionsType: 'AverageHandleTimeOptions', optionKeys: ['includeHold', 'includeWrapUp', ...CALL_INPUT, ...SUMMARY] },
  averageAbandonTime: {
    area: 'calls',
    optionsType: 'AverageAbandonTimeOptions',
    optionKeys: ['shortAbandons', 'shortAbandonMs', 'clockStartsAt', ...CALL_INPUT, ...SUMMARY],
  },

  netPromoterScore: { area: 'surveys', optionsType: 'NetPromoterScoreOptions', optionKeys: ['scale', 'bands', 'weights', 'confidence', ...SURVEY_INPUT] },
  compareNetPromoterScores: { area: 'surveys', optionsType: 'CompareNetPromoterScoresOptions', optionKeys: ['confidence'] },
  customerSatisfactionScore: {
    area: 'surveys',
    optionsType: 'CustomerSatisfactionScoreOptions',
    optionKeys: ['method', 'scale', 'satisfiedFrom', 'surveysSent', 'confidence', ...SURVEY_INPUT],
  },
  customerEffortScore: {
    area: 'surveys',
    optionsType: 'CustomerEffortScoreOptions',
    optionKeys: ['scale', 'method', 'direction', 'easyThreshold', 'surveysSent', 'confidence', ...SURVEY_INPUT],
  },

  costPerContact: {
    area: 'cost',
    optionsType: 'CostPerContactOptions',
    optionKeys: ['currency', 'rates', 'by', 'allocateShared', 'minorUnits', 'decimalPlaces', 'rounding', 'invalid'],
  },

  createSchedule: { area: 'calendar', optionsType: 'ScheduleOptions', optionKeys: ['timeZone', 'weekly', 'holidays', 'name'] },
  businessDuration: { area: 'calendar' },
  addBusinessTime: { area: 'calendar' },
  explainBusinessDuration: { area: 'calendar' },

  erlangC: { area: 'queueing', optionsType: 'ErlangCOptions', optionKeys: ['arrivalsPerInterval', 'intervalMs', 'averageHandleTimeMs', 'agents', 'targetAnswerMs'] },
  requiredAgents: {
    area: 'queueing',
    optionsType: 'RequiredAgentsOptions',
    optionKeys: ['arrivalsPerInterval', 'intervalMs', 'averageHandleTimeMs', 'targetAnswerMs', 'targetServiceLevel', 'maxOccupancy', 'shrinkage', 'targetAverageSpeedOfAnswerMs'],
  },

  customerRetentionRate: { area: 'misc', optionsType: 'CustomerRetentionRateOptions', optionKeys: ['confidence', ...CUSTOMER_RECORDS] },
  churnRate: { area: 'misc', optionsType: 'ChurnRateOptions', optionKeys: ['newCustomers', 'confidence', ...CUSTOMER_RECORDS] },
  ageBucketLabels: { area: 'misc' },

  fromZendesk: { area: 'import', optionsType: 'FromZendeskOptions', optionKeys: ['invalid', 'statusMap', 'channelMap', 'spamTags'] },
  fromZendeskExport: { area: 'import', optionsType: 'FromZendeskExportOptions', optionKeys: ['invalid', 'statusMap', 'channelMap', 'timeZone', 'dateFormat', 'spamTags'] },
  fromFreshdesk: { area: 'import', optionsType: 'FromFreshdeskOptions', optionKeys: ['invalid', 'statusMap', 'channelMap'] },
  fromFreshdeskExport: { area: 'import', optionsType: 'FromFreshdeskExportOptions', optionKeys: ['invalid', 'statusMap', 'channelMap', 'timeZone', 'dateFormat'] },
  fromIntercom: { area: 'import', optionsType: 'FromIntercomOptions', optionKeys: ['invalid', 'statusMap', 'channelMap'] },
  fromHelpScout: { area: 'import', optionsType: 'FromHelpScoutOptions', optionKeys: ['invalid', 'statusMap', 'channelMap'] },
  fromChatwoot: { area: 'import', optionsType: 'FromChatwootOptions', optionKeys: ['invalid', 'statusMap', 'channelMap', 'activityStatus'] },
  fromRows: { area: 'import', optionsType: 'FromRowsMapping', optionKeys: ['kind', 'columns', 'eventColumns', 'time', 'timeZone', 'statuses', 'roles', 'types', 'fields', 'invalid'] },
  MetricsError: { area: 'misc' },

  // The incremental API (issue 14). AddOptions (position, duplicates) are the options of MetricRun.add and
  // MetricSetRun.add: TYPE_KEYS.AddOptions below, misspelled in misc.test.ts.
  startMetric: { area: 'misc', optionsType: 'StartOptions', optionKeys: ['trustIds'] },
  resumeMetric: { area: 'misc', optionsType: 'StartOptions', optionKeys: ['trustIds'] },
  startMetrics: { area: 'misc', optionsType: 'StartOptions', optionKeys: ['trustIds'] },
  resumeMetrics: { area: 'misc', optionsType: 'StartOptions', optionKeys: ['trustIds'] },
  runMetrics: { area: 'misc', optionsType: 'RunMetricsOptions', optionKeys: ['chunkSize', 'trustIds'] },
};

/** The documented keys of a registered function's options (throws for an unregistered name). */
export function keysOf(name: string): readonly string[] {
  const e = REGISTRY[name];
  if (e === undefined) throw new Error(`${name} is not in the hostile registry`);
  return e.optionKeys ?? [];
}

/** Documented keys of other exported object types the suite misspells (inputs and nested options). */
export const TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  Period: ['from', 'to'],
  CustomerCounts: ['customersAtStart', 'customersAtEnd', 'newCustomers', 'customersLost', 'newCustomersLost'],
  ChurnCounts: ['customersAtStart', 'customersAtEnd', 'customersLost', 'newCustomers', 'newCustomersLost'],
  NetPromoterBands: ['detractors', 'passives', 'promoters'],
  ScoreScale: ['min', 'max'],
  QueueRules: ['segment', 'segmentWeights', 'waitWeight', 'breachWeight', 'breachWindowMs', 'firstRequestBoost', 'tiers'],
  AddOptions: ['position', 'duplicates'],
  SlaTargets: ['firstReply', 'nextReply', 'resolution', 'requesterWait', 'agentWork', 'periodicUpdate', 'pausableUpdate'],
};
