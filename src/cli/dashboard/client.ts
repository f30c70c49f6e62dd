/**
 * The dashboard's browser code: reads the report embedded in the page (`<script type="application/json"
 * id="report-data">`), draws the headline figures, the charts (Observable Plot, SVG) and the breakdown tables
 * (sortable). Bundled with Observable Plot and d3 at build time (tsup.cli.config.ts) and inlined into the HTML,
 * so the page opens offline and fetches nothing (its Content-Security-Policy forbids it).
 *
 * Every element is built with `textContent` and attributes, never `innerHTML`: labels from the data stay text.
 *
 * @internal
 * @module
 */
import * as Plot from '@observablehq/plot';
import { formatDuration } from '../durations.js';
import { count, excludedText, headlineInterval, headlineRatio, headlineValue, percent, definitionsLine, subjectLine } from '../format/text.js';
import type { BreakdownTable, Exclusions, Report } from '../report.js';

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** "n 350 · excluded 50 (no_reply 40, …)". */
function nLine(n: number, excluded: Exclusions): string {
  return `n ${count(n)} · excluded ${excludedText(excluded)}`;
}

function hoverText(definition: string, n: number, excluded: Exclusions): string {
  return `${definition}\n${nLine(n, excluded)}`;
}

const BLUE = '#3b63c4';
const HOUR_MS = 3_600_000;

/** A figure: title, the chart (or a note that there is nothing to draw), definition, n and exclusions beside it. */
function figure(id: string, title: string, chart: Element | null, definition: string, n: number, excluded: Exclusions): HTMLElement {
  return h(
    'figure',
    { class: 'chart', 'data-chart': id, title: hoverText(definition, n, excluded) },
    h('h3', {}, title),
    chart ?? h('p', { class: 'empty' }, 'Nothing to draw: no data in the range.'),
    h('figcaption', {}, h('span', { class: 'def' }, definition), ' ', h('span', { class: 'n' }, nLine(n, excluded))),
  );
}

function chartWidth(): number {
  const w = document.querySelector('main')?.clientWidth ?? 1100;
  return Math.max(320, Math.min(660, Math.floor(w / 2) - 48));
}

/** A chart in the dashboard's frame (options may override it), or `null` when there is nothing to draw. */
function chartOf(points: number, options: Plot.PlotOptions): Element | null {
  return points === 0 ? null : Plot.plot({ width: chartWidth(), height: 260, marginBottom: 40, ...options });
}

/** Every k-th label of a band axis, so that ticks do not overlap. */
function sparseTicks(labels: readonly string[], width: number): (d: string) => string {
  const every = Math.max(1, Math.ceil((labels.length * 62) / width));
  const keep = new Set(labels.filter((_, i) => i % every === 0));
  return (d) => (keep.has(d) ? d : '');
}

function volumeChart(r: Report): HTMLElement {
  const data = r.charts.volume;
  const width = chartWidth();
  const labels = data.map((d) => d.label);
  const chart = chartOf(data.length, {
    width,
    marginBottom: 56,
    x: { type: 'band', domain: labels, label: null, tickFormat: sparseTicks(labels, width), tickRotate: -40 },
    y: { grid: true, label: 'tickets created' },
    marks: [Plot.barY(data, { x: 'label', y: 'count', fill: BLUE, title: (d: (typeof data)[number]) => `${d.label}: ${d.count} tickets` }), Plot.ruleY([0])],
  });
  const m = r.metrics.volume;
  return figure('volume', `Tickets created per ${r.definitions.interval}`, chart, m.definition, m.total, m.excluded);
}

function backlogChart(r: Report): HTMLElement {
  const data = r.charts.backlog.map((d) => ({ ...d, date: new Date(d.start) }));
  const chart = chartOf(data.length, {
    x: { type: 'utc', label: null },
    y: { grid: true, label: `backlog at the end of each ${r.definitions.interval}`, zero: true },
    marks: [
      Plot.lineY(data, { x: 'date', y: 'backlog', stroke: BLUE }),
      Plot.dot(data, {
        x: 'date',
        y: 'backlog',
        fill: BLUE,
        r: 2.5,
        title: (d: (typeof data)[number]) => `${d.label}: backlog ${d.backlog} (created ${d.created}, resolved ${d.resolved}, reopened ${d.reopened})`,
      }),
    ],
  });
  const b = r.metrics.backlog;
  const definition = `Backlog at the end of each ${r.definitions.interval}: created − resolved + reopened, from the status history (Zendesk backlog history); opening backlog ${count(r.charts.backlogOpening)}.`;
  const n = data.reduce((s, d) => s + d.created, r.charts.backlogOpening ?? 0);
  return figure('backlog', 'Backlog over time', chart, definition, n, b.excluded);
}

function distributionChart(id: string, title: string, f: Report['metrics']['firstResponseTime'], what: string): HTMLElement {
  const data = f.percentiles.filter((p): p is { p: number; ms: number } => p.ms !== null).map((p) => ({ ...p, hours: p.ms / HOUR_MS }));
  const chart = chartOf(data.length, {
    x: { type: 'sqrt', grid: true, label: `${what} (hours, square-root scale)` },
    y: { domain: [0, 100], grid: true, label: 'share of tickets within (%)' },
    marks: [
      Plot.line(data, { x: 'hours', y: 'p', stroke: BLUE, curve: 'step-before' }),
      Plot.dot(data, { x: 'hours', y: 'p', fill: BLUE, r: 3, title: (d: (typeof data)[number]) => `p${d.p}: ${formatDuration(d.ms)}` }),
    ],
  });
  return figure(id, title, chart, `${f.definition} Drawn as the share of tickets within each duration: percentiles p0–p100 every 5 (R-7).`, f.n, f.excluded);
}

function slaChart(r: Report): HTMLElement | null {
  const s = r.metrics.slaCompliance;
  if (s === null) return null;
  const data = r.charts.slaByPriority.filter((p): p is typeof p & { percent: number } => p.percent !== null);
  const chart = chartOf(data.length, {
    height: Math.max(120, 40 + data.length * 32),
    marginBottom: 30,
    marginLeft: 90,
    x: { domain: [0, 100], grid: true, label: 'targets achieved (%)' },
    y: { label: null, domain: data.map((d) => d.priority) },
    marks: [
      Plot.barX(data, {
        y: 'priority',
        x: 'percent',
        fill: BLUE,
        title: (d: (typeof data)[number]) => `${d.priority}: ${d.percent.toFixed(1)} % achieved (${d.achieved} met, ${d.breached} breached, ${d.pending} pending)`,
      }),
      Plot.ruleX([0]),
    ],
  });
  return figure('sla', 'SLA achieved by priority', chart, s.definition, s.denominator, s.excluded);
}

/** A table whose columns sort on a click of their heading (numbers as numbers, empty cells last). */
function sortableTable(name: string, headers: readonly { label: string; numeric: boolean }[], rows: readonly (readonly { text: string; value: number | string | null }[])[]): HTMLElement {
  const tbody = h('tbody');
  for (const row of rows) {
    tbody.append(
      h('tr', {}, ...row.map((c, i) => h('td', { class: headers[i]!.numeric ? 'num' : undefined, 'data-sort': c.value === null ? '' : String(c.value) }, c.text))),
    );
  }
  const ths = headers.map((c, i) => {
    const button = h('button', { type: 'button' }, c.label);
    const th = h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, 'aria-sort': 'none' }, button);
    button.addEventListener('click', () => sortBy(i, c.numeric, th));
    return th;
  });
  const table = h('table', { class: 'sortable', 'data-table': name }, h('thead', {}, h('tr', {}, ...ths)), tbody);
  function sortBy(col: number, numeric: boolean, th: HTMLElement): void {
    const asc = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of ths) other.setAttribute('aria-sort', 'none');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    const trs = [...tbody.querySelectorAll('tr')];
    const key = (tr: Element): string => (tr.children[col] as HTMLElement).dataset.sort ?? '';
    trs.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
      const d = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      return asc ? d : -d;
    });
    tbody.append(...trs);
  }
  return table;
}

function breakdownSection(t: BreakdownTable): HTMLElement {
  const sla = t.rows.some((r) => r.slaCompliance !== null);
  const headers = [
    ...t.dimensions.map((d) => ({ label: d, numeric: false })),
    { label: 'Tickets', numeric: true },
    { label: 'FRT median', numeric: true },
    { label: 'FRT p90', numeric: true },
    { label: 'FRT n', numeric: true },
    { label: 'Resolution median', numeric: true },
    { label: 'FCR', numeric: true },
    ...(sla ? [{ label: 'SLA', numeric: true }] : []),
    { label: 'Backlog', numeric: true },
  ];
  const rows = t.rows.map((r) => [
    ...r.key.map(([, v]) => ({ text: v === null ? '(none)' : String(v), value: v === null ? null : typeof v === 'number' ? v : String(v) })),
    { text: count(r.tickets), value: r.tickets },
    { text: formatDuration(r.firstResponseTime.medianMs), value: r.firstResponseTime.medianMs },
    { text: formatDuration(r.firstResponseTime.p90Ms), value: r.firstResponseTime.p90Ms },
    { text: count(r.firstResponseTime.n), value: r.firstResponseTime.n },
    { text: formatDuration(r.resolutionTime.medianMs), value: r.resolutionTime.medianMs },
    { text: percent(r.firstContactResolution.percent), value: r.firstContactResolution.percent },
    ...(sla ? [{ text: percent(r.slaCompliance?.percent), value: r.slaCompliance?.percent ?? null }] : []),
    { text: count(r.backlog.count), value: r.backlog.count },
  ]);
  return h(
    'section',
    { class: 'breakdown', 'data-breakdown': t.name },
    h('h2', {}, `By ${t.dimensions.join(' × ')}`),
    h('p', { class: 'hint' }, `${t.rows.length} groups. Click a heading to sort. A ticket with several values (tags) counts in each; “(none)” holds the tickets without a value. FRT, resolution time and FCR are as defined above, per group.`),
    sortableTable(t.name, headers, rows),
  );
}

function cards(r: Report): HTMLElement {
  return h(
    'section',
    { class: 'cards', 'aria-label': 'Headline figures' },
    ...r.headline.map((f) =>
      h(
        'article',
        { class: 'card', 'data-figure': f.id, title: hoverText(f.definition, f.n, f.excluded) },
        h('h3', {}, f.label),
        h('p', { class: 'value' }, headlineValue(f)),
        f.interval === null ? null : h('p', { class: 'interval' }, headlineInterval(f)),
        h('p', { class: 'n' }, [headlineRatio(f), nLine(f.n, f.excluded)].filter((s) => s !== '').join(' · ')),
      ),
    ),
  );
}

function inputSection(r: Report): HTMLElement {
  const i = r.input;
  const reasons = Object.entries(i.excluded.byReason);
  return h(
    'section',
    { class: 'input' },
    h('h2', {}, 'Input and definitions'),
    h('p', {}, `Read ${count(i.records)} records from ${i.files.map((f) => `${f.path} (${f.format}, ${count(f.records)})`).join(', ')}: ${count(i.tickets)} tickets and ${count(i.surveys)} survey responses (source ${i.source}). Excluded by the importer: ${excludedText(i.excluded)}.`),
    reasons.length === 0 ? null : sortableTable('import-exclusions', [{ label: 'Reason', numeric: false }, { label: 'Records', numeric: true }], reasons.map(([k, n]) => [{ text: k, value: k }, { text: count(n), value: n }])),
    h('ul', { class: 'defs' }, ...[...new Set(r.headline.map((f) => f.definition))].map((d) => h('li', {}, d))),
  );
}

function render(r: Report): void {
  const main = document.querySelector('main')!;
  main.replaceChildren();
  main.append(h('header', {}, h('h1', {}, 'Support metrics'), h('p', { class: 'subject' }, subjectLine(r)), h('p', { class: 'defline' }, definitionsLine(r))));
  main.append(cards(r));
  const charts = h('section', { class: 'charts', 'aria-label': 'Charts' });
  main.append(charts);
  charts.append(volumeChart(r), backlogChart(r));
  charts.append(distributionChart('frt', 'First response time distribution', r.metrics.firstResponseTime, 'first response time'));
  charts.append(distributionChart('resolution', 'Resolution time distribution', r.metrics.resolutionTime, 'resolution time'));
  const sla = slaChart(r);
  if (sla !== null) charts.append(sla);
  const b = r.metrics.backlog;
  main.append(
    h(
      'section',
      { class: 'breakdown', 'data-breakdown': 'backlog-age' },
      h('h2', {}, `Backlog by age at ${b.at}`),
      sortableTable('backlog-age', [{ label: 'Age', numeric: false }, { label: 'Tickets', numeric: true }], b.byAge.map((a, i) => [{ text: a.age, value: i }, { text: count(a.count), value: a.count }])),
    ),
  );
  for (const t of r.breakdowns) main.append(breakdownSection(t));
  main.append(inputSection(r));
  document.documentElement.dataset.rendered = 'true';
}

const data = document.getElementById('report-data')?.textContent;
if (data) render(JSON.parse(data) as Report);
