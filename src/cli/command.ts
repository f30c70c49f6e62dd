/**
 * `helpdesk-metrics report`: options → definitions (checked before anything is read) → records (read,
 * detected, imported) → a {@link MetricsRunner} → the report → the chosen format, written whole or not at all.
 * Excluded records are summarised on stderr and listed in `--excluded FILE`.
 *
 * The runner is a parameter of {@link runCli} and {@link runReport}: the streaming Node entry replaces
 * {@link inProcessRunner} there, and nothing else changes.
 *
 * @internal
 * @module
 */
import { readFileSync } from 'node:fs';
import {
  createSchedule,
  customerSatisfactionScore,
  firstResponseTime,
  fromRows,
  MetricsError,
  netPromoterScore,
  slaCompliance,
  type CustomerSatisfactionScoreOptions,
  type FromRowsMapping,
  type ImportExclusion,
  type ImportWarning,
  type NetPromoterScoreOptions,
  type Schedule,
  type SlaPolicy,
  type TicketBy,
} from '../index.js';
import { toEpochMs } from '../_lib/timestamp.js';
import { createZoneInfo, type ZoneInfo } from '../calendar/timeZone.js';
import { normalizeHeader } from '../import/_lib/rows.js';
import { nearestName } from '../_lib/options.js';
import { describe } from '../results/describe.js';
import { parseDuration } from './durations.js';
import { CliError, EXIT_INPUT, inputError, usageError } from './errors.js';
import { csvLine, formatCsv } from './format/csv.js';
import { count, excludedText } from './format/text.js';
import { formatJson } from './format/json.js';
import { formatMarkdown } from './format/markdown.js';
import { formatTable } from './format/table.js';
import { formatHtml } from './dashboard/template.js';
import { inputFiles, readInputs, type FileFormat, type InputFile, type ReadCounters } from './input.js';
import { writeAtomically } from './output.js';
import { bytesText, Progress } from './progress.js';
import { buildReport, exclusions, type Report, type ReportDefinitions } from './report.js';
import { inProcessRunner, type Breakdown, type MetricResults, type MetricsPlan, type MetricsRunner, type TicketBatch } from './runner.js';
import { helpText, parseCommand, type Format, type JsonInput, type ReportSettings, type SourceName } from './settings.js';
import { collectionOf, detectSource, Gathered, importRecords, Positions, type Imported } from './sources.js';

/** The process the command runs in (tests give their own). */
export interface CliIO {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  /** The clock: the default `--at` and the timings on stderr. */
  readonly now: () => number;
}

/** The package's version (package.json beside dist/). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Runs the command line; resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIO, runner: MetricsRunner = inProcessRunner): Promise<number> {
  try {
    const command = parseCommand(args);
    if (command.kind === 'help') {
      io.stdout.write(helpText(version()));
      return args.length === 0 ? 2 : 0;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    await runReport(command.settings, io, runner);
    return 0;
  } catch (e) {
    const err = e instanceof CliError ? e : e instanceof MetricsError ? new CliError(e.message, EXIT_INPUT) : undefined;
    if (err === undefined) {
      io.stderr.write(`helpdesk-metrics: internal error (please report it): ${(e as Error)?.stack ?? describe(e)}\n`);
      return 70;
    }
    io.stderr.write(`helpdesk-metrics: ${err.message}\n`);
    return err.exitCode;
  }
}

/** Dimension names of `--by` that are time buckets (of creation, in `--time-zone`). */
const BUCKETS = ['hour', 'day', 'week', 'month'] as const;
/** The ticket fields `--by` takes (and `fields.<name>`). */
const FIELDS = ['channel', 'priority', 'assigneeId', 'groupId', 'requesterId', 'tags', 'createdBy', 'firstResponder', 'assignee'];

function zoneOf(name: string | undefined): { name: string; info: ZoneInfo } {
  const zone = name ?? 'UTC';
  const info = createZoneInfo(zone);
  if (info === undefined) throw usageError(`--time-zone: unknown time zone ${describe(zone)} (an IANA name such as Europe/Paris or America/New_York)`);
  return { name: zone, info };
}

function instantOf(origin: string, text: string, zone: ZoneInfo): number {
  let ms = NaN;
  try {
    ms = toEpochMs(text, zone, Number.MIN_SAFE_INTEGER);
  } catch {
    // reported below
  }
  if (Number.isFinite(ms)) return ms;
  throw usageError(`${origin}: ${describe(text)} is not a date (2026-01-01) or an ISO instant (2026-01-01T09:00:00Z)`);
}

/** A library option error while checking a definition, as a usage error naming where the definition came from. */
function definitionError(origin: string, e: unknown): never {
  if (e instanceof MetricsError) {
    const rule = e.message.replace(/^[A-Za-z]+: /, '');
    throw usageError(`${origin}: ${rule}`);
  }
  throw e;
}

function scheduleOf(input: JsonInput | undefined): Schedule | undefined {
  if (input === undefined) return undefined;
  try {
    return createSchedule(input.value as Parameters<typeof createSchedule>[0]);
  } catch (e) {
    return definitionError(input.origin, e);
  }
}

/** An SLA policy file: durations as `'1h'` or ms, `businessHours` a schedule, `false`, or (absent) `--schedule`. */
function policyOf(input: JsonInput | undefined, schedule: Schedule | undefined): SlaPolicy | undefined {
  if (input === undefined) return undefined;
  const raw = input.value as Record<string, unknown>;
  const targets = raw.targets;
  if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) {
    throw usageError(`${input.origin}: targets must be an object of priority → { firstReply, nextReply, resolution }, got ${describe(targets)}`);
  }
  const out: [string, Record<string, unknown>][] = [];
  for (const [priority, t] of Object.entries(targets as Record<string, unknown>)) {
    if (t === null || typeof t !== 'object' || Array.isArray(t)) throw usageError(`${input.origin}: targets.${priority} must be { firstReply, nextReply, resolution }, got ${describe(t)}`);
    const converted: [string, unknown][] = [];
    for (const [name, value] of Object.entries(t as Record<string, unknown>)) {
      const field = `targets.${priority}.${name}`;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const v = value as Record<string, unknown>;
        const ms = parseDuration(v.targetMs ?? v.target);
        if (typeof ms !== 'number') throw usageError(`${input.origin}: ${field}.target ${ms.rule}`);
        const rest = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'target'));
        converted.push([name, { ...rest, targetMs: ms, ...(v.businessHours === false ? { businessHours: false } : {}) }]);
      } else {
        const ms = parseDuration(value);
        if (typeof ms !== 'number') throw usageError(`${input.origin}: ${field} ${ms.rule}`);
        converted.push([name, ms]);
      }
    }
    out.push([priority, Object.fromEntries(converted)]);
  }
  let businessHours: Schedule | undefined = schedule;
  if (raw.businessHours === false) businessHours = undefined;
  else if (raw.businessHours !== undefined) businessHours = scheduleOf({ value: raw.businessHours, origin: `${input.origin}: businessHours` });
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'targets' && k !== 'businessHours'));
  const policy = { ...rest, targets: Object.fromEntries(out), ...(businessHours === undefined ? {} : { businessHours }) } as SlaPolicy;
  try {
    slaCompliance([], policy);
  } catch (e) {
    definitionError(input.origin, e);
  }
  return policy;
}

function breakdownsOf(by: readonly (readonly string[])[], timeZone: string): Breakdown[] {
  return by.map((dims) => {
    const parsed = dims.map((d) => {
      if ((BUCKETS as readonly string[]).includes(d)) return { interval: d as (typeof BUCKETS)[number], timeZone, name: d };
      if (FIELDS.includes(d) || (d.startsWith('fields.') && d.length > 7)) return d;
      const near = nearestName(d, [...FIELDS, ...BUCKETS]);
      throw usageError(`--by: unknown dimension ${describe(d)}${near === undefined ? '' : ` (did you mean ${near}?)`}; dimensions: ${[...FIELDS, ...BUCKETS].join(', ')}, fields.<custom field>`);
    });
    const byOption = (parsed.length === 1 ? parsed[0] : parsed) as TicketBy;
    try {
      firstResponseTime([], { by: byOption });
    } catch (e) {
      definitionError(`--by ${dims.join('+')}`, e);
    }
    return { name: dims.join('+'), dimensions: dims, by: byOption };
  });
}

/** The survey scoring of a source: each vendor's own CSAT, unless the config file's `surveys` says otherwise. */
function surveysOf(source: SourceName, s: ReportSettings['surveys']): MetricsPlan['surveys'] {
  const { metric, ...given } = s;
  if (metric === 'nps') {
    const options = Object.fromEntries(Object.entries(given).filter(([k]) => k === 'scale' || k === 'confidence')) as NetPromoterScoreOptions;
    try {
      netPromoterScore([], options);
    } catch (e) {
      definitionError('--config: surveys', e);
    }
    return { metric: 'nps', options };
  }
  const defaults: CustomerSatisfactionScoreOptions =
    source === 'zendesk' || source === 'zendesk-export'
      ? { method: 'good-bad', scale: '1-2' }
      : source === 'freshdesk' || source === 'freshdesk-export'
        ? { method: 'top-2-box', scale: '1-7', satisfiedFrom: 5 }
        : { method: 'top-2-box', scale: '1-5' };
  const options = { ...defaults, ...given } as CustomerSatisfactionScoreOptions;
  try {
    customerSatisfactionScore([], options);
  } catch (e) {
    definitionError('--config: surveys', e);
  }
  return { metric: 'csat', options };
}

/** Checks a `--map` mapping before anything is read (the importer's own validation). */
function checkMapping(map: JsonInput | undefined): void {
  if (map === undefined) return;
  try {
    fromRows([], map.value as FromRowsMapping);
  } catch (e) {
    definitionError(map.origin, e);
  }
}

/** The columns a mapping names that a CSV header lacks ("unknown column"). */
function missingColumns(map: unknown, columns: readonly string[]): string[] {
  const have = new Set(columns.map(normalizeHeader));
  const m = map as { columns?: Record<string, unknown>; eventColumns?: Record<string, unknown> };
  const out: string[] = [];
  for (const [group, cols] of [['columns', m.columns], ['eventColumns', m.eventColumns]] as const) {
    for (const [field, col] of Object.entries(cols ?? {})) {
      if (typeof col === 'string' && !have.has(normalizeHeader(col))) out.push(`${group}.${field} names column ${describe(col)}`);
    }
  }
  return out;
}

/** What reading and importing found, filled in as the records stream by. */
interface InputState {
  source: SourceName | undefined;
  readonly formats: (FileFormat | undefined)[];
  readonly records: number[];
  readonly positions: Positions;
  imported: Imported | undefined;
}

/** A bad record found by the library, as a message naming the file and line it came from. */
function recordError(e: MetricsError, files: readonly InputFile[], state: InputState, invalid: 'throw' | 'exclude'): CliError {
  const m = /^([A-Za-z]+): ([A-Za-z_]+(?:\.[A-Za-z_]+)*)\[(\d+)\](?: \(id ((?:"[^"]*")|[^)]*)\))?: /.exec(e.message);
  if (m === null) return new CliError(e.message, EXIT_INPUT);
  const collection = m[2]!.split('.').pop()!;
  const index = Number(m[3]);
  const rest = e.message.slice(m[0].length).replace(/pass the timeZone option/g, 'pass --time-zone (the account\'s zone)');
  const pos = state.positions.position(collection, index);
  let where: string;
  if (pos === undefined) where = `${collection}[${index}]${m[4] === undefined ? '' : ` (id ${m[4]})`}`;
  else {
    const file = files[pos.file]!.label;
    where = pos.line > 0 ? `${file} line ${pos.line}` : `${file}: ${collection}[${pos.index}]`;
    if (m[4] !== undefined) where += ` (id ${m[4]})`;
  }
  const hint = invalid === 'throw' ? '; --invalid exclude lists such records and goes on' : '';
  return new CliError(`${where}: ${rest}${hint}`, EXIT_INPUT);
}

/** The records of the input as batches of tickets, importing as the source needs. */
async function* ticketBatches(
  files: readonly InputFile[],
  settings: ReportSettings,
  io: CliIO,
  counters: ReadCounters,
  state: InputState,
): AsyncGenerator<TicketBatch> {
  const gathered = new Gathered();
  const detected: (SourceName | undefined)[] = [];
  for await (const batch of readInputs(files, io.stdin, counters)) {
    const file = files[batch.file]!;
    state.formats[batch.file] = batch.format;
    state.records[batch.file] = (state.records[batch.file] ?? 0) + batch.records.length;
    if (detected[batch.file] === undefined) {
      const found = settings.source ?? detectSource(batch, settings.map !== undefined);
      if (typeof found !== 'string') throw inputError(`${file.label}: cannot tell which helpdesk it comes from: ${found.rule}; give --source (one of zendesk, zendesk-export, freshdesk, freshdesk-export, intercom, helpscout, chatwoot, model, rows)`);
      if (state.source !== undefined && found !== state.source) {
        throw inputError(`${file.label}: looks like ${found}, but ${files[detected.findIndex((d) => d !== undefined)]!.label} looks like ${state.source}; read one source at a time, or give --source`);
      }
      detected[batch.file] = found;
      state.source = found;
      if (found === 'rows' && batch.columns !== undefined) {
        const missing = missingColumns(settings.map!.value, batch.columns);
        if (missing.length > 0) throw inputError(`${file.label}: unknown column: ${settings.map!.origin} ${missing.join('; ')}, which the header does not have (it has ${batch.columns.join(', ')})`);
      }
    }
    const source = state.source!;
    const collection = collectionOf(batch, source, file);
    state.positions.add(collection, batch);
    if (source === 'model' && collection === 'tickets') yield { tickets: batch.records as TicketBatch['tickets'], surveys: [] };
    else gathered.add(collection, batch.records);
  }
  if (state.source === undefined) state.source = settings.source ?? 'model';
  if (state.source === 'model') {
    const surveys = gathered.collections.get('surveys') ?? [];
    state.imported = { tickets: [], surveys: surveys as Imported['surveys'], excluded: [], warnings: [], counts: [] };
    if (surveys.length > 0) yield { tickets: [], surveys: surveys as TicketBatch['surveys'] };
    return;
  }
  const imported = importRecords(state.source, gathered, {
    invalid: settings.invalid,
    timeZone: settings.timeZone,
    map: settings.map?.value,
    extra: settings.importOptions,
  });
  gathered.collections.clear();
  state.imported = imported;
  yield { tickets: imported.tickets, surveys: imported.surveys };
}

function formatReport(format: Format, r: Report): string {
  switch (format) {
    case 'table':
      return formatTable(r);
    case 'json':
      return formatJson(r);
    case 'csv':
      return formatCsv(r);
    case 'markdown':
      return formatMarkdown(r);
    case 'html':
      return formatHtml(r);
  }
}

const EXCLUDED_COLUMNS = ['stage', 'metric', 'reason', 'id', 'file', 'line', 'index', 'detail'];

/** The `--excluded` list: every record the importer or a metric left out, with where it came from. */
function excludedList(results: MetricResults, imported: Imported, files: readonly InputFile[], positions: Positions): string {
  const lines = [csvLine(EXCLUDED_COLUMNS)];
  for (const x of imported.excluded as readonly ImportExclusion[]) {
    const pos = positions.position(x.record.collection, x.record.index);
    lines.push(
      csvLine([
        'import',
        x.record.collection,
        x.reason,
        x.record.id ?? '',
        pos === undefined ? '' : files[pos.file]!.label,
        pos === undefined || pos.line === 0 ? '' : pos.line,
        pos === undefined ? x.record.index : pos.index,
        x.detail ?? '',
      ]),
    );
  }
  const metric = (name: string, e: { byReason: Readonly<Partial<Record<string, number>>>; ids: Readonly<Partial<Record<string, readonly string[]>>> }): void => {
    for (const [reason, ids] of Object.entries(e.ids)) {
      for (const id of ids ?? []) lines.push(csvLine(['metric', name, reason, id, '', '', '', '']));
      const more = (e.byReason[reason] ?? 0) - (ids?.length ?? 0);
      if (more > 0) lines.push(csvLine(['metric', name, reason, '', '', '', '', `${more} more without ids`]));
    }
  };
  metric('ticketVolume', results.volume.excluded);
  metric('firstResponseTime', results.firstResponseTime.excluded);
  metric('resolutionTime', results.resolutionTime.excluded);
  metric('firstContactResolution', results.firstContactResolution.excluded);
  metric('backlog', results.backlog.excluded);
  if (results.slaCompliance !== undefined) metric('slaCompliance', results.slaCompliance.excluded);
  if (results.csat !== undefined) metric('customerSatisfactionScore', results.csat.excluded);
  if (results.nps !== undefined) metric('netPromoterScore', results.nps.excluded);
  for (const id of results.surveysOutside.ids) lines.push(csvLine(['surveys', results.csat !== undefined ? 'customerSatisfactionScore' : 'netPromoterScore', 'out_of_period', id, '', '', '', '']));
  return `${lines.join('\n')}\n`;
}

/** The summary on stderr: what was read, what was left out and why. */
function summary(r: Report, seconds: number, warnings: readonly ImportWarning[]): string {
  const i = r.input;
  const bytes = i.files.reduce((s, f) => s + (f.bytes ?? 0), 0);
  const lines = [
    `read ${count(i.records)} records from ${i.files.length} file${i.files.length === 1 ? '' : 's'}${bytes > 0 ? ` (${bytesText(bytes)})` : ''} in ${seconds.toFixed(1)} s: ${count(i.tickets)} tickets, ${count(i.surveys)} survey responses (${i.source})`,
    `excluded by the importer: ${excludedText(i.excluded)}`,
  ];
  const m = r.metrics;
  const of = (label: string, n: number, e: { total: number; byReason: Readonly<Record<string, number>> }): string => `${label}: ${count(n)} counted, excluded ${excludedText(e)}`;
  lines.push(
    of('first response time', m.firstResponseTime.n, m.firstResponseTime.excluded),
    of('resolution time', m.resolutionTime.n, m.resolutionTime.excluded),
    of('first contact resolution', m.firstContactResolution.denominator, m.firstContactResolution.excluded),
    of('backlog', m.backlog.count, m.backlog.excluded),
  );
  if (m.slaCompliance !== null) lines.push(of('SLA', m.slaCompliance.denominator, m.slaCompliance.excluded));
  if (m.csat !== null) lines.push(of('CSAT', m.csat.denominator, m.csat.excluded));
  if (m.nps !== null) lines.push(of('NPS', m.nps.n, m.nps.excluded));
  if (warnings.length > 0) {
    const byCode = new Map<string, number>();
    for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
    lines.push(`importer warnings: ${[...byCode].map(([k, n]) => `${k} ${count(n)}`).join(', ')}`);
  }
  return lines.map((l) => `helpdesk-metrics: ${l}\n`).join('');
}

/** Runs one report. */
export async function runReport(settings: ReportSettings, io: CliIO, runner: MetricsRunner): Promise<void> {
  const started = io.now();
  // Definitions first: a bad option fails before a byte is read.
  const zone = zoneOf(settings.timeZone);
  const period = settings.period === undefined ? undefined : { from: instantOf('--period FROM', settings.period.from, zone.info), to: instantOf('--period TO', settings.period.to, zone.info) };
  if (period !== undefined && !(period.from < period.to)) throw usageError(`--period: FROM (${new Date(period.from).toISOString()}) must be before TO (${new Date(period.to).toISOString()})`);
  const now = io.now();
  const at = settings.at !== undefined ? instantOf('--at', settings.at, zone.info) : period !== undefined ? Math.min(period.to, now) : now;
  const atFrom: ReportDefinitions['atFrom'] = settings.at !== undefined ? 'option' : period !== undefined && period.to <= now ? 'period' : 'clock';
  const schedule = scheduleOf(settings.schedule);
  const sla = policyOf(settings.sla, schedule);
  const breakdowns = breakdownsOf(settings.by, zone.name);
  checkMapping(settings.map);
  if (settings.source === 'rows' && settings.map === undefined) throw usageError('--source rows needs --map mapping.json (which column is the id, createdAt, …: docs/import.md, "Rows")');
  if (settings.files.length === 0 && io.stdin.isTTY === true) throw usageError('no input: name the files to read, or pipe records into stdin (see helpdesk-metrics --help)');
  const files = inputFiles(settings.files);

  const counters: ReadCounters = { bytes: 0, records: 0, file: 0 };
  const totalBytes = files.every((f) => f.size !== undefined) ? files.reduce((s, f) => s + (f.size ?? 0), 0) : undefined;
  const progress = new Progress(io.stderr, counters, totalBytes, io.now, io.stderr.isTTY === true && !settings.quiet);
  const state: InputState = { source: settings.source, formats: [], records: [], positions: new Positions(), imported: undefined };
  let results: MetricResults;
  try {
    // The survey scoring depends on the source, known only once the first batch is read: the plan is read lazily.
    const plan = {
      at,
      period,
      timeZone: zone.name,
      interval: settings.interval,
      breakdowns,
      businessHours: schedule,
      sla,
      get surveys() {
        return surveysOf(state.source ?? 'model', settings.surveys);
      },
      invalid: settings.invalid,
      readTimeZone: settings.timeZone,
    } satisfies MetricsPlan;
    results = await runner.run(ticketBatches(files, settings, io, counters, state), plan, (phase) => progress.setPhase(phase === 'preparing' ? 'checking and preparing tickets' : 'computing metrics'));
  } catch (e) {
    if (e instanceof MetricsError) throw recordError(e, files, state, settings.invalid);
    throw e;
  } finally {
    progress.stop();
  }
  const imported = state.imported ?? { tickets: [], surveys: [], excluded: [], warnings: [], counts: [] };
  const importExcluded = new Map<string, number>();
  for (const x of imported.excluded) importExcluded.set(x.reason, (importExcluded.get(x.reason) ?? 0) + 1);
  const warningCodes = new Map<string, number>();
  for (const w of imported.warnings) warningCodes.set(w.code, (warningCodes.get(w.code) ?? 0) + 1);
  const report = buildReport(
    results,
    {
      at: new Date(at).toISOString(),
      atFrom,
      period: period === undefined ? null : { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
      timeZone: zone.name,
      businessHours: schedule === undefined ? null : `${schedule.name ?? 'schedule'} (${schedule.timeZone})`,
      slaPolicy: sla !== undefined,
      breakdowns: breakdowns.map((b) => b.name),
      invalid: settings.invalid,
      surveys: results.nps !== undefined ? 'nps' : 'csat',
    },
    {
      source: state.source ?? 'model',
      files: files.map((f, i) => ({ path: f.label, format: state.formats[i] ?? 'json', records: state.records[i] ?? 0, bytes: f.size ?? null })),
      records: counters.records,
      tickets: results.tickets,
      surveys: results.surveys,
      excluded: exclusions({ total: imported.excluded.length, byReason: Object.fromEntries(importExcluded), ids: {} }),
      warnings: { total: imported.warnings.length, byCode: Object.fromEntries(warningCodes) },
    },
    version(),
  );
  const text = formatReport(settings.format, report);
  if (settings.excluded !== undefined) writeAtomically(settings.excluded, excludedList(results, imported, files, state.positions));
  if (settings.out !== undefined) writeAtomically(settings.out, text);
  else io.stdout.write(text);
  if (!settings.quiet) {
    io.stderr.write(summary(report, (io.now() - started) / 1000, imported.warnings));
    if (settings.out !== undefined) io.stderr.write(`helpdesk-metrics: wrote ${settings.out} (${settings.format}, ${bytesText(Buffer.byteLength(text))})\n`);
    if (settings.excluded !== undefined) io.stderr.write(`helpdesk-metrics: listed the excluded records in ${settings.excluded}\n`);
  }
}
