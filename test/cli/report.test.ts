/**
 * `helpdesk-metrics report` as a user runs it (the built bin, a child process): every format, stdin, `--by`,
 * the config file, `--excluded`, what stderr says, and `npx helpdesk-metrics` in this clone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstContactResolution, firstResponseTime, prepareTickets, ticketVolume, type Ticket } from '../../src/index.js';
import sample from '../../examples/data/tickets.json';
import { cli, reportJson, root, scratch, type JsonReport } from './support.js';

const TIMEOUT_MS = 30_000;
const AT = '2026-02-01T00:00:00Z';
const tickets = sample as Ticket[];
const SAMPLE = join(root, 'examples', 'data', 'tickets.json');

let dir: ReturnType<typeof scratch>;
let json: JsonReport;

beforeAll(async () => {
  dir = scratch('cli-report');
  json = await reportJson(['report', SAMPLE, '--at', AT, '--by', 'channel,week', '--by', 'channel+priority']);
}, TIMEOUT_MS);

afterAll(() => dir?.remove());

/** Splits one CSV line (quoted fields allowed; the report's CSV has no line breaks inside fields). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const v = m[1]!;
    out.push(v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v);
    if (m[2] === '') break;
  }
  return out;
}

describe.concurrent('formats', () => {
  it('json carries n, numerators, denominators and exclusions that add up to the input', () => {
    const frt = json.metrics.firstResponseTime;
    expect(frt.n + frt.excluded.total).toBe(tickets.length);
    const fcr = json.metrics.firstContactResolution;
    expect(fcr.denominator + fcr.excluded.total).toBe(tickets.length);
    expect(fcr.percent).toBeCloseTo((fcr.numerator / fcr.denominator) * 100, 10);
    expect(Object.values(frt.excluded.byReason).reduce((a, b) => a + b, 0)).toBe(frt.excluded.total);
    const lib = firstResponseTime(tickets);
    expect([frt.n, frt.medianMs, frt.p90Ms]).toEqual([lib.count, lib.medianMs, lib.percentilesMs.p90]);
    expect(json.definitions.at).toBe('2026-02-01T00:00:00.000Z');
  });

  it('csv: one row per figure with its numerator, denominator, n and exclusions', async () => {
    const r = await cli(['report', SAMPLE, '--at', AT, '--format', 'csv', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('section,group,metric,statistic,value,unit,numerator,denominator,n,excluded,excluded_by_reason');
    const rows = lines.slice(1).map(csvCells);
    const find = (metric: string, statistic: string): string[] => rows.find((c) => c[0] === 'overall' && c[2] === metric && c[3] === statistic)!;
    const frt = json.metrics.firstResponseTime;
    expect(find('first_response_time', 'median')).toEqual(['overall', '', 'first_response_time', 'median', String(frt.medianMs), 'ms', '', '', String(frt.n), String(frt.excluded.total), expect.stringContaining(`no_reply=${frt.excluded.byReason.no_reply}`)]);
    const fcr = json.metrics.firstContactResolution;
    const f = find('first_contact_resolution', 'percent');
    expect([Number(f[4]), Number(f[6]), Number(f[7])]).toEqual([fcr.percent, fcr.numerator, fcr.denominator]);
    const volume = rows.filter((c) => c[0] === 'volume');
    expect(volume.map((c) => [c[1], Number(c[4])])).toEqual(json.charts.volume.map((v) => [v.label, v.count]));
  }, TIMEOUT_MS);

  it('table and markdown show the figures, their n and exclusions', async () => {
    const [table, md] = await Promise.all([cli(['report', SAMPLE, '--at', AT, '-q']), cli(['report', SAMPLE, '--at', AT, '--format', 'markdown', '-q'])]);
    expect(table.code).toBe(0);
    expect(md.code).toBe(0);
    const n = json.metrics.firstResponseTime.n;
    expect(table.stdout).toMatch(new RegExp(`First response time, median +2 h 53 min +${n} +${json.metrics.firstResponseTime.excluded.total} \\(no_reply`));
    expect(md.stdout.split('\n')[0]).toBe(`# helpdesk-metrics report: 400 tickets from ${SAMPLE} (model)`);
    expect(md.stdout).toContain(`| First response time, median | 2 h 53 min |  |  | ${n} |`);
    expect(md.stdout).toContain('| ---: |');
  }, TIMEOUT_MS);

  it('html: one file holding the same report, fetching nothing', async () => {
    const out = join(dir.dir, 'report.html');
    const r = await cli(['report', SAMPLE, '--at', AT, '--by', 'channel,week', '--by', 'channel+priority', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${out} (html`);
    const html = readFileSync(out, 'utf8');
    const data = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(data)).toEqual(json);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z]/i);
  }, TIMEOUT_MS);
});

describe.concurrent('input', () => {
  it('stdin (NDJSON piped in, or -) gives the same report as the file', async () => {
    const ndjson = tickets.map((t) => JSON.stringify(t)).join('\n');
    const [piped, dash] = await Promise.all([reportJson(['report', '--at', AT, '--by', 'channel,week', '--by', 'channel+priority'], { stdin: ndjson }), reportJson(['report', '-', '--at', AT], { stdin: JSON.stringify(tickets) })]);
    expect(piped.metrics).toEqual(json.metrics);
    expect(piped.breakdowns).toEqual(json.breakdowns);
    expect(piped.input.files).toEqual([{ path: 'stdin', format: 'ndjson', records: 400, bytes: null }]);
    expect(dash.metrics).toEqual(json.metrics);
  }, TIMEOUT_MS);

  it('--by: one table per breakdown, groups as the library breaks the metric down, adding up to the total', () => {
    expect(json.breakdowns.map((b) => [b.name, b.dimensions])).toEqual([['channel', ['channel']], ['week', ['week']], ['channel+priority', ['channel', 'priority']]]);
    const prepared = prepareTickets(tickets);
    const lib = firstResponseTime(prepared, { by: 'channel' }).groups!;
    const channel = json.breakdowns[0]!.rows;
    expect(channel.map((g) => [g.key, g.firstResponseTime.n, g.firstResponseTime.medianMs])).toEqual(lib.map((g) => [[['channel', g.key.channel]], g.count, g.medianMs ?? null]));
    for (const b of json.breakdowns) expect(b.rows.reduce((s, g) => s + g.tickets, 0)).toBe(json.metrics.volume.total);
    const weeks = ticketVolume(prepared, { interval: 'week', timeZone: 'UTC' });
    expect(json.breakdowns[1]!.rows.map((g) => [g.label, g.tickets])).toEqual(weeks.buckets.map((b) => [b.label, b.count]));
    const fcr = firstContactResolution(prepared, { at: AT, by: ['channel', 'priority'] }).groups!;
    expect(json.breakdowns[2]!.rows.length).toBe(fcr.length);
  });

  it('--period and --time-zone: the range, the buckets and the instant', async () => {
    const r = await reportJson(['report', SAMPLE, '--period', '2026-01-05..2026-01-19', '--time-zone', 'Europe/Paris']);
    expect(r.definitions.period).toEqual({ from: '2026-01-04T23:00:00.000Z', to: '2026-01-18T23:00:00.000Z' });
    expect(r.definitions.at).toBe('2026-01-18T23:00:00.000Z');
    expect(r.definitions.interval).toBe('day');
    expect(r.charts.volume.map((v) => v.label)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-01-${String(5 + i).padStart(2, '0')}`));
    const lib = ticketVolume(tickets, { interval: 'day', timeZone: 'Europe/Paris', period: { from: '2026-01-05T00:00:00+01:00', to: '2026-01-19T00:00:00+01:00' } });
    expect(r.metrics.volume.total).toBe(lib.total);
    expect(r.metrics.volume.excluded.byReason.out_of_period).toBe(lib.excluded.byReason.out_of_period);
  }, TIMEOUT_MS);

  it('a config file holds the definitions; the command line wins', async () => {
    const config = dir.file('helpdesk-metrics.json', JSON.stringify({ files: [SAMPLE], at: AT, by: ['channel', 'week', 'channel+priority'], format: 'csv' }));
    const fromConfig = await reportJson(['report', '--config', config]);
    expect(fromConfig.metrics).toEqual(json.metrics);
    expect(fromConfig.breakdowns).toEqual(json.breakdowns);
    const sample = await cli(['report', '--config', join(root, 'examples', 'helpdesk-metrics.json'), '--format', 'json', '-q']);
    expect(sample.code).toBe(0);
    const s = JSON.parse(sample.stdout) as JsonReport;
    expect(s.metrics.slaCompliance?.denominator).toBeGreaterThan(0);
    expect(s.charts.slaByPriority.map((p) => p.priority)).toEqual(['high', 'low', 'normal', 'urgent']);
  }, TIMEOUT_MS);

  it('--excluded lists every excluded record, by stage, metric and reason, matching the counts', async () => {
    const list = join(dir.dir, 'excluded.csv');
    const r = await cli(['report', SAMPLE, '--at', AT, '--excluded', list, '-q']);
    expect(r.code).toBe(0);
    const rows = readFileSync(list, 'utf8').trimEnd().split('\n').slice(1).map(csvCells);
    const frt = rows.filter((c) => c[0] === 'metric' && c[1] === 'firstResponseTime');
    expect(frt.length).toBe(json.metrics.firstResponseTime.excluded.total);
    const byReason: Record<string, number> = {};
    for (const c of frt) byReason[c[2]!] = (byReason[c[2]!] ?? 0) + 1;
    expect(byReason).toEqual(json.metrics.firstResponseTime.excluded.byReason);
  }, TIMEOUT_MS);

  it('stderr: the excluded records by reason; nothing with --quiet', async () => {
    const [loud, quiet] = await Promise.all([cli(['report', SAMPLE, '--at', AT, '--format', 'json']), cli(['report', SAMPLE, '--at', AT, '--format', 'json', '--quiet'])]);
    expect(loud.stderr).toContain('helpdesk-metrics: read 400 records from 1 file');
    expect(loud.stderr).toContain(`first response time: ${json.metrics.firstResponseTime.n} counted, excluded ${json.metrics.firstResponseTime.excluded.total} (no_reply`);
    expect(loud.stderr).not.toContain('\r');
    expect(quiet.stderr).toBe('');
    expect(loud.stdout).toBe(quiet.stdout);
  }, TIMEOUT_MS);

  it('a progress line on stderr when it is a terminal (under script(1), a pseudo-terminal)', async () => {
    const { spawnSync } = await import('node:child_process');
    expect(spawnSync('script', ['--version'], { encoding: 'utf8' }).status, 'script(1) from util-linux').toBe(0);
    const out = join(dir.dir, 'tty.json');
    const command = [process.execPath, join(root, 'dist', 'cli.js'), 'report', SAMPLE, '--at', AT, '--out', out].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\r\x1b[Kcomputing metrics · 400 records read');
    expect(r.stdout).toContain('\r\x1b[Khelpdesk-metrics: read 400 records');
    const quiet = spawnSync('script', ['-qfec', `${command} --quiet`, '/dev/null'], { encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(quiet.stdout).toBe('');
  }, TIMEOUT_MS);

  it('npx helpdesk-metrics runs the built bin in this clone', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('npx', ['--no-install', 'helpdesk-metrics', '--version'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_yes: 'false' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${pkg.version}\n`);
  }, TIMEOUT_MS);
});
