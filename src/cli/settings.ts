/**
 * The options of `helpdesk-metrics report`: one table of every option (flag, config-file key, value, help),
 * read from the command line with `node:util` `parseArgs` and from a JSON config file, the command line
 * winning. Paths in a config file are relative to the config file.
 *
 * @internal
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nearestName } from '../_lib/options.js';
import { describe } from '../results/describe.js';
import { usageError } from './errors.js';

/** The sources `--source` names: one per importer, `model` (the library's own tickets) and `rows` (`--map`). */
export const SOURCES = ['zendesk', 'zendesk-export', 'freshdesk', 'freshdesk-export', 'intercom', 'helpscout', 'chatwoot', 'model', 'rows'] as const;
export type SourceName = (typeof SOURCES)[number];

export const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** One option: its flag, its config-file key, what it takes, and its help line. */
interface OptionSpec {
  readonly flag: string;
  readonly key: keyof ConfigFile;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly help: string;
  readonly multiple?: boolean;
}

/** Every option of `report`, in the order of `--help` and docs/cli.md. */
export const OPTIONS: readonly OptionSpec[] = [
  { flag: 'source', key: 'source', type: 'string', value: SOURCES.join('|'), help: 'what the files are (detected from their shape when unambiguous)' },
  { flag: 'map', key: 'map', type: 'string', value: 'FILE', help: 'column mapping for --source rows (fromRows mapping, JSON)' },
  { flag: 'schedule', key: 'schedule', type: 'string', value: 'FILE', help: 'business hours (createSchedule input, JSON): FRT, resolution time and SLA in business time' },
  { flag: 'sla', key: 'sla', type: 'string', value: 'FILE', help: "SLA policy (targets per priority, JSON; durations as '1h', '8h', '2d' or ms)" },
  { flag: 'by', key: 'by', type: 'string', value: 'LIST', multiple: true, help: "breakdowns, comma-separated; '+' crosses dimensions (channel,assignee,week,channel+priority)" },
  { flag: 'period', key: 'period', type: 'string', value: 'FROM..TO', help: 'reporting range [FROM, TO): dates (local midnight in --time-zone) or ISO instants' },
  { flag: 'at', key: 'at', type: 'string', value: 'INSTANT', help: 'evaluation instant for backlog, FCR and running SLA targets (default: the end of --period, else now)' },
  { flag: 'time-zone', key: 'timeZone', type: 'string', value: 'ZONE', help: "IANA zone of days, weeks, dates and of export times without offset (default UTC)" },
  { flag: 'interval', key: 'interval', type: 'string', value: INTERVALS.join('|'), help: 'bucket of the volume and backlog charts (default: from the range)' },
  { flag: 'invalid', key: 'invalid', type: 'string', value: 'throw|exclude', help: 'a bad record stops the report (throw, the default) or is listed as excluded' },
  { flag: 'format', key: 'format', type: 'string', short: 'f', value: FORMATS.join('|'), help: 'output format (default: from --out, else table)' },
  { flag: 'out', key: 'out', type: 'string', short: 'o', value: 'FILE', help: 'write the report to FILE (atomically) instead of stdout' },
  { flag: 'excluded', key: 'excluded', type: 'string', value: 'FILE', help: 'list every excluded record (stage, metric, reason, id, where) as CSV' },
  { flag: 'config', key: 'config', type: 'string', short: 'c', value: 'FILE', help: 'JSON file holding any of these options (the command line wins)' },
  { flag: 'quiet', key: 'quiet', type: 'boolean', short: 'q', help: 'no progress and no summary on stderr (errors still go there)' },
];

/** What a config file may hold (every option by its key, plus `files`, `surveys` and `import`). */
export interface ConfigFile {
  readonly files?: readonly string[];
  readonly source?: string;
  readonly map?: string | object;
  readonly schedule?: string | object;
  readonly sla?: string | object;
  readonly by?: string | readonly string[];
  readonly period?: string | { readonly from: string; readonly to: string };
  readonly at?: string;
  readonly timeZone?: string;
  readonly interval?: string;
  readonly invalid?: string;
  readonly format?: string;
  readonly out?: string;
  readonly excluded?: string;
  readonly config?: string;
  readonly quiet?: boolean;
  readonly surveys?: SurveySettings;
  readonly import?: Readonly<Record<string, unknown>>;
}

/** How survey responses are scored: as CSAT (with the library's options) or as NPS. */
export interface SurveySettings {
  readonly metric?: 'csat' | 'nps';
  readonly method?: string;
  readonly scale?: string;
  readonly satisfiedFrom?: number;
  readonly confidence?: number;
}

const CONFIG_KEYS: readonly string[] = ['files', ...OPTIONS.map((o) => o.key).filter((k) => k !== 'config'), 'surveys', 'import', '$schema'];
const SURVEY_KEYS: readonly string[] = ['metric', 'method', 'scale', 'satisfiedFrom', 'confidence'];

/** A JSON value given inline in the config file, or read from a file (with where it came from, for messages). */
export interface JsonInput {
  readonly value: unknown;
  /** `'--sla policy.json'`, or `'config.json: sla'`. */
  readonly origin: string;
}

/** The options of one `report`, merged and checked for form (values are checked where they are used). */
export interface ReportSettings {
  readonly files: readonly string[];
  readonly source: SourceName | undefined;
  readonly map: JsonInput | undefined;
  readonly schedule: JsonInput | undefined;
  readonly sla: JsonInput | undefined;
  /** Each breakdown as its dimension names (`['channel']`, `['channel', 'priority']`). */
  readonly by: readonly (readonly string[])[];
  readonly period: { readonly from: string; readonly to: string } | undefined;
  readonly at: string | undefined;
  readonly timeZone: string | undefined;
  readonly interval: Interval | undefined;
  readonly invalid: 'throw' | 'exclude';
  readonly format: Format;
  readonly out: string | undefined;
  readonly excluded: string | undefined;
  readonly quiet: boolean;
  readonly surveys: SurveySettings;
  readonly importOptions: Readonly<Record<string, unknown>>;
}

/** What the command line asked for. */
export type Command = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'report'; readonly settings: ReportSettings };

function choice<T extends string>(what: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const near = typeof value === 'string' ? nearestName(value, allowed) : undefined;
  throw usageError(`${what} must be one of ${allowed.join(', ')}, got ${describe(value)}${near === undefined ? '' : ` (did you mean ${near}?)`}`);
}

function readJsonFile(file: string, origin: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw usageError(`${origin}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw usageError(`${origin}: ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** An inline object (config) or a path to a JSON file, relative to `base`. */
function jsonInput(value: unknown, origin: string, base: string): JsonInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { value: readJsonFile(resolve(base, value), origin), origin: `${origin} ${value}` };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { value, origin };
  throw usageError(`${origin} must be a path to a JSON file or an object, got ${describe(value)}`);
}

/** A path as messages show it: relative to the working directory when inside it. */
function shown(path: string, cwd: string): string {
  const r = relative(cwd, path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}

/** Splits `--by` values into breakdowns: commas separate breakdowns, `+` crosses dimensions. */
export function splitBy(values: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const v of values) {
    for (const part of v.split(',')) {
      const dims = part.split('+').map((d) => d.trim());
      if (part.trim() === '') continue;
      if (dims.some((d) => d === '')) throw usageError(`--by: ${describe(part)} has an empty dimension`);
      out.push(dims);
    }
  }
  return out;
}

function loadConfig(file: string): { config: ConfigFile; base: string } {
  const path = resolve(file);
  const value = readJsonFile(path, '--config');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw usageError(`--config ${file}: must hold a JSON object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!CONFIG_KEYS.includes(key)) {
      const near = nearestName(key, CONFIG_KEYS);
      throw usageError(`--config ${file}: unknown key ${describe(key)}${near === undefined ? '' : ` (did you mean ${near}?)`}; keys: ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')}`);
    }
  }
  return { config: value as ConfigFile, base: dirname(path) };
}

function stringOf(origin: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw usageError(`${origin} must be a non-empty string, got ${describe(value)}`);
  return value;
}

function periodOf(origin: string, value: unknown): { from: string; to: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const parts = value.split('..');
    if (parts.length !== 2 || parts[0]!.trim() === '' || parts[1]!.trim() === '') {
      throw usageError(`${origin} must be FROM..TO (such as 2026-01-01..2026-04-01), got ${describe(value)}`);
    }
    return { from: parts[0]!.trim(), to: parts[1]!.trim() };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const p = value as { from?: unknown; to?: unknown };
    const extra = Object.keys(p).filter((k) => k !== 'from' && k !== 'to');
    if (extra.length > 0) throw usageError(`${origin}: unknown key ${describe(extra[0])}; a period is { from, to }`);
    return { from: stringOf(`${origin}.from`, p.from) ?? '', to: stringOf(`${origin}.to`, p.to) ?? '' };
  }
  throw usageError(`${origin} must be FROM..TO or { from, to }, got ${describe(value)}`);
}

function surveysOf(value: unknown, file: string): SurveySettings {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw usageError(`--config ${file}: surveys must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!SURVEY_KEYS.includes(key)) throw usageError(`--config ${file}: surveys: unknown key ${describe(key)}; keys: ${SURVEY_KEYS.join(', ')}`);
  }
  const s = value as SurveySettings;
  if (s.metric !== undefined) choice(`--config ${file}: surveys.metric`, s.metric, ['csat', 'nps']);
  return s;
}

/** The format an output file's name implies, if any. */
export function formatOfFile(file: string): Format | undefined {
  const m = /\.([a-z]+)$/i.exec(file);
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'txt') return 'table';
  return undefined;
}

/** The command the arguments ask for; a bad option is a usage error naming it. */
export function parseCommand(args: readonly string[]): Command {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const o of OPTIONS) options[o.flag] = { type: o.type, ...(o.short === undefined ? {} : { short: o.short }), ...(o.multiple ? { multiple: true } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: Record<string, unknown>; positionals: string[] };
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (unknown !== null) {
      const near = nearestName(unknown[2]!, Object.keys(options));
      throw usageError(`unknown option ${unknown[1]}${unknown[2]}${near === undefined ? '' : ` (did you mean --${near}?)`}; see helpdesk-metrics --help`);
    }
    throw usageError(`${message.replace(/\. To specify a positional argument.*$/s, '')}; see helpdesk-metrics --help`);
  }
  const v = parsed.values;
  if (v.help === true) return { kind: 'help' };
  if (v.version === true) return { kind: 'version' };
  const [command, ...files] = parsed.positionals;
  if (command === undefined) return { kind: 'help' };
  if (command !== 'report') {
    const near = nearestName(command, ['report']);
    throw usageError(`unknown command ${describe(command)}${near === undefined ? '' : ` (did you mean ${near}?)`}; the command is: helpdesk-metrics report <files…>`);
  }
  return { kind: 'report', settings: settingsOf(v, files) };
}

function settingsOf(v: Record<string, unknown>, positionals: readonly string[]): ReportSettings {
  const configFile = v.config as string | undefined;
  const { config, base } = configFile === undefined ? { config: {} as ConfigFile, base: process.cwd() } : loadConfig(configFile);
  const cwd = process.cwd();
  const inConfig = (key: string): string => `--config ${configFile ?? ''}: ${key}`;
  /** The command line's value, else the config file's, with where it came from. */
  const pick = (flag: string, key: keyof ConfigFile): { value: unknown; origin: string; base: string } =>
    v[flag] !== undefined ? { value: v[flag], origin: `--${flag}`, base: cwd } : { value: config[key], origin: inConfig(key), base };

  let files: string[];
  if (positionals.length > 0) files = [...positionals];
  else if (config.files !== undefined) {
    if (!Array.isArray(config.files) || config.files.some((f) => typeof f !== 'string')) throw usageError(`${inConfig('files')} must be an array of paths`);
    files = config.files.map((f) => (f === '-' ? f : shown(resolve(base, f), cwd)));
  } else files = [];

  const source = pick('source', 'source');
  const by = pick('by', 'by');
  const byValues = by.value === undefined ? [] : Array.isArray(by.value) ? (by.value as unknown[]) : [by.value];
  if (byValues.some((b) => typeof b !== 'string')) throw usageError(`${by.origin} must be a string or an array of strings`);
  const interval = pick('interval', 'interval');
  const invalid = pick('invalid', 'invalid');
  const format = pick('format', 'format');
  const out = pick('out', 'out');
  const excluded = pick('excluded', 'excluded');
  const quiet = pick('quiet', 'quiet');
  if (quiet.value !== undefined && typeof quiet.value !== 'boolean') throw usageError(`${quiet.origin} must be true or false, got ${describe(quiet.value)}`);
  const outFile = stringOf(out.origin, out.value);
  const excludedFile = stringOf(excluded.origin, excluded.value);
  const importOptions = config.import;
  if (importOptions !== undefined && (importOptions === null || typeof importOptions !== 'object' || Array.isArray(importOptions))) {
    throw usageError(`${inConfig('import')} must be an object of importer options`);
  }
  const map = pick('map', 'map');
  const schedule = pick('schedule', 'schedule');
  const sla = pick('sla', 'sla');
  return {
    files,
    source: source.value === undefined ? undefined : choice(source.origin, source.value, SOURCES),
    map: jsonInput(map.value, map.origin, map.base),
    schedule: jsonInput(schedule.value, schedule.origin, schedule.base),
    sla: jsonInput(sla.value, sla.origin, sla.base),
    by: splitBy(byValues as string[]),
    period: periodOf(pick('period', 'period').origin, pick('period', 'period').value),
    at: stringOf(pick('at', 'at').origin, pick('at', 'at').value),
    timeZone: stringOf(pick('time-zone', 'timeZone').origin, pick('time-zone', 'timeZone').value),
    interval: interval.value === undefined ? undefined : choice(interval.origin, interval.value, INTERVALS),
    invalid: invalid.value === undefined ? 'throw' : choice(invalid.origin, invalid.value, ['throw', 'exclude']),
    format: format.value !== undefined ? choice(format.origin, format.value, FORMATS) : ((outFile === undefined ? undefined : formatOfFile(outFile)) ?? 'table'),
    out: outFile === undefined ? undefined : resolve(out.base, outFile),
    excluded: excludedFile === undefined ? undefined : resolve(excluded.base, excludedFile),
    quiet: quiet.value === true,
    surveys: surveysOf(config.surveys, configFile ?? ''),
    importOptions: importOptions ?? {},
  };
}

/** The text of `helpdesk-metrics --help`. */
export function helpText(version: string): string {
  const lines = [
    `helpdesk-metrics ${version}: support metrics from a helpdesk export, as a table, JSON, CSV, Markdown or an HTML dashboard`,
    '',
    'Usage: helpdesk-metrics report [options] <files…>',
    '       helpdesk-metrics report [options] < tickets.ndjson',
    '',
    'Files are JSON, NDJSON (one record a line) or CSV; - or no file reads stdin.',
    '',
    'Options:',
  ];
  const rows = OPTIONS.map((o) => [`${o.short === undefined ? '    ' : `-${o.short}, `}--${o.flag}${o.value === undefined ? '' : ` ${o.value}`}`, o.help]);
  rows.push(['-h, --help', 'this text'], ['-v, --version', 'the version']);
  const width = Math.min(48, Math.max(...rows.map((r) => r[0]!.length)));
  for (const [left, right] of rows) {
    lines.push(left!.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left!.padEnd(width)}  ${right}`);
  }
  lines.push(
    '',
    'Exit codes: 0 written; 1 unreadable input or a bad record; 2 a bad option.',
    'Examples:',
    '  helpdesk-metrics report tickets.json --by channel,week --format html --out report.html',
    '  helpdesk-metrics report export.csv --source zendesk-export --time-zone Europe/Paris --period 2026-01-01..2026-04-01',
    '  helpdesk-metrics report --config helpdesk-metrics.json',
    'Documentation: docs/cli.md',
  );
  return `${lines.join('\n')}\n`;
}
