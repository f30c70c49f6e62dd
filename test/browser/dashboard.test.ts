/**
 * The HTML dashboard in a real browser: Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH), driven by
 * playwright-core (no downloaded browser), with the network off. The page is the CLI's output on the bundled
 * sample with an SLA policy and three breakdowns; the test fails on any console error or request, checks that
 * every chart drew one mark per data point of the JSON output (the same run's `--format json`) with that
 * point's value in its title, that each figure states its definition, n and exclusions, that sorting a
 * breakdown table works, and saves a screenshot (its path is printed, under test/.out/).
 *
 * Run by `npm run test:browser` (part of `npm test`); `.ci/run` installs Chromium when it is missing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/cli/durations.js';
import { cli, root, scratch, type JsonReport } from '../cli/support.js';

const TIMEOUT_MS = 60_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The probe's flags: headless, no sandbox (CI runs as root), and no background connections to refuse. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join(root, 'test', '.out', 'dashboard.png');

let dir: ReturnType<typeof scratch>;
let browser: Browser;
let page: Page;
let report: JsonReport;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does), or set CHROMIUM_PATH`);
  dir = scratch('dashboard');
  const html = join(dir.dir, 'report.html');
  // The sample's config: an SLA policy and breakdowns by channel, priority, week and assignee.
  const args = ['report', '--config', join(root, 'examples', 'helpdesk-metrics.json'), '--quiet'];
  const [h, j] = await Promise.all([cli([...args, '--out', html]), cli([...args, '--format', 'json'])]);
  expect([h.code, h.stderr, j.code, j.stderr]).toEqual([0, '', 0, '']);
  report = JSON.parse(j.stdout) as JsonReport;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('html[data-rendered="true"]', { timeout: TIMEOUT_MS });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  dir?.remove();
});

/** The `<title>` texts of the marks of `mark` (Plot's aria-label) in chart `chart`. */
function titles(chart: string, mark: string, element: string): Promise<string[]> {
  return page.$$eval(`figure[data-chart="${chart}"] svg g[aria-label="${mark}"] > ${element}`, (els) => els.map((e) => e.querySelector('title')?.textContent ?? ''));
}

describe('the dashboard in Chromium, offline', () => {
  it('renders with no console error and no request', () => {
    expect(problems).toEqual([]);
  });

  it('shows every headline figure with its n and exclusions, its definition on hover', async () => {
    const cards = await page.$$eval('article.card', (els) => els.map((e) => ({ id: e.getAttribute('data-figure'), n: e.querySelector('.n')?.textContent ?? '', title: e.getAttribute('title') ?? '' })));
    expect(cards.map((c) => c.id)).toEqual(report.headline.map((h) => h.id));
    expect(cards.map((c) => c.id)).toEqual(expect.arrayContaining(['frt_median', 'frt_p90', 'resolution_median', 'fcr', 'sla', 'backlog']));
    for (const [i, h] of report.headline.entries()) {
      expect(cards[i]!.n).toContain(`n ${h.n.toLocaleString('en-US')} · excluded ${h.excluded.total.toLocaleString('en-US')}`);
      expect(cards[i]!.title.length).toBeGreaterThan(40);
    }
  });

  it('draws one bar per bucket of the volume chart, each titled with its count', async () => {
    expect(await titles('volume', 'bar', 'rect')).toEqual(report.charts.volume.map((v) => `${v.label}: ${v.count} tickets`));
  });

  it('draws one point per bucket of the backlog chart, with its backlog', async () => {
    const t = await titles('backlog', 'dot', 'circle');
    expect(t).toEqual(report.charts.backlog.map((b) => `${b.label}: backlog ${b.backlog} (created ${b.created}, resolved ${b.resolved}, reopened ${b.reopened})`));
    expect(await page.$$eval('figure[data-chart="backlog"] svg g[aria-label="line"] > path', (els) => els.length)).toBe(1);
  });

  it.each([
    ['frt', 'firstResponseTime'],
    ['resolution', 'resolutionTime'],
  ] as const)('draws the %s distribution: one point per percentile', async (chart, metric) => {
    const expected = report.metrics[metric].percentiles.filter((p) => p.ms !== null).map((p) => `p${p.p}: ${formatDuration(p.ms)}`);
    expect(expected.length).toBe(21);
    expect(await titles(chart, 'dot', 'circle')).toEqual(expected);
  });

  it('draws one bar per priority of SLA achieved', async () => {
    const expected = report.charts.slaByPriority.filter((p) => p.percent !== null).map((p) => `${p.priority}: ${p.percent!.toFixed(1)} % achieved (${p.achieved} met, ${p.breached} breached, ${p.pending} pending)`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await titles('sla', 'bar', 'rect')).toEqual(expected);
  });

  it('says beside each chart its definition, n and exclusions', async () => {
    const captions = await page.$$eval('figure.chart', (els) => els.map((e) => ({ id: e.getAttribute('data-chart'), def: e.querySelector('figcaption .def')?.textContent ?? '', n: e.querySelector('figcaption .n')?.textContent ?? '' })));
    expect(captions.map((c) => c.id)).toEqual(['volume', 'backlog', 'frt', 'resolution', 'sla']);
    for (const c of captions) {
      expect(c.def.length).toBeGreaterThan(40);
      expect(c.n).toMatch(/^n [\d,]+ · excluded [\d,]+/);
    }
    const frt = captions.find((c) => c.id === 'frt')!;
    const f = report.metrics.firstResponseTime;
    expect(frt.n).toBe(`n ${f.n} · excluded ${f.excluded.total} (${Object.entries(f.excluded.byReason).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')})`);
  });

  it('has every breakdown as a table, sorted by a click on a heading', async () => {
    const tables = await page.$$eval('section.breakdown table.sortable', (els) => els.map((e) => e.getAttribute('data-table')));
    expect(tables).toEqual(['backlog-age', ...report.breakdowns.map((b) => b.name)]);
    const table = 'table[data-table="assignee"]';
    const rowsOf = (): Promise<string[][]> => page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const groups = report.breakdowns.find((b) => b.name === 'assignee')!.rows;
    expect(groups.length).toBeGreaterThan(3);
    expect((await rowsOf()).map((r) => r[0])).toEqual(groups.map((g) => g.label));
    const tickets = page.locator(`${table} thead th`, { hasText: 'Tickets' }).locator('button');
    await tickets.click();
    const ascending = groups.map((g) => g.tickets).sort((a, b) => a - b);
    expect((await rowsOf()).map((r) => Number(r[1]!.replace(/,/g, '')))).toEqual(ascending);
    expect(await page.getAttribute(`${table} thead th:nth-child(2)`, 'aria-sort')).toBe('ascending');
    await tickets.click();
    expect((await rowsOf()).map((r) => Number(r[1]!.replace(/,/g, '')))).toEqual([...ascending].reverse());
    // Durations sort by their value in ms, not by their text ("2 d 7 h" after "45 h 1 min").
    await page.locator(`${table} thead th`, { hasText: 'FRT p90' }).locator('button').click();
    const p90 = groups.map((g) => g.firstResponseTime.p90Ms).filter((v): v is number => v !== null).sort((a, b) => a - b).map((v) => formatDuration(v));
    expect((await rowsOf()).map((r) => r[3]).slice(0, p90.length)).toEqual(p90);
    await page.locator(`${table} thead th`, { hasText: 'assignee' }).locator('button').click();
    const names = (await rowsOf()).map((r) => r[0]!).filter((n) => n !== '(none)');
    expect(names).toEqual([...names].sort());
    expect(problems).toEqual([]);
  });

  it('saves a screenshot', async () => {
    mkdirSync(join(root, 'test', '.out'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`dashboard screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, TIMEOUT_MS);
});
