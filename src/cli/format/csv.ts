/**
 * `--format csv`: the report as one long ("tidy") table a spreadsheet or a SQL engine takes as it is, one row
 * per figure: `section, group, metric, statistic, value, unit, numerator, denominator, n, excluded,
 * excluded_by_reason`. Rates carry their numerator and denominator; every figure its n and its exclusions
 * (`reason=count;…`). Sections: `overall`, the chart series (`volume`, `backlog`), `sla_by_priority`,
 * `by:<breakdown>` (group: the group's values joined by ` × `), `input`.
 *
 * @internal
 * @module
 */
import type { Exclusions, Report } from '../report.js';

export const CSV_COLUMNS = ['section', 'group', 'metric', 'statistic', 'value', 'unit', 'numerator', 'denominator', 'n', 'excluded', 'excluded_by_reason'] as const;

type Cell = string | number | null | undefined;

/** A CSV field: quoted when it holds a quote, a separator or a line break; text that a spreadsheet would run as
 * a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`. Numbers are written as they are. */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

function reasons(e: Exclusions | undefined): string {
  if (e === undefined) return '';
  return Object.entries(e.byReason).map(([r, n]) => `${r}=${n}`).join(';');
}

/** The report as CSV text. */
export function formatCsv(r: Report): string {
  const lines: string[] = [csvLine(CSV_COLUMNS)];
  const row = (section: string, group: string, metric: string, statistic: string, value: number | null, unit: string, extra: { numerator?: number; denominator?: number; n?: number; excluded?: Exclusions } = {}): void => {
    lines.push(csvLine([section, group, metric, statistic, value, unit, extra.numerator, extra.denominator, extra.n, extra.excluded?.total, reasons(extra.excluded)]));
  };
  const m = r.metrics;
  const v = m.volume;
  row('overall', '', 'tickets_created', 'total', v.total, 'count', { n: v.total, excluded: v.excluded });
  row('overall', '', 'tickets_created', `average_per_${r.definitions.interval}`, v.averagePerBucket, 'count', { n: v.total, excluded: v.excluded });
  for (const [metric, d] of [['first_response_time', m.firstResponseTime], ['resolution_time', m.resolutionTime]] as const) {
    const x = { n: d.n, excluded: d.excluded };
    row('overall', '', metric, 'median', d.medianMs, 'ms', x);
    row('overall', '', metric, 'p90', d.p90Ms, 'ms', x);
    row('overall', '', metric, 'mean', d.meanMs, 'ms', x);
    row('overall', '', metric, 'min', d.minMs, 'ms', x);
    row('overall', '', metric, 'max', d.maxMs, 'ms', x);
    row('overall', '', metric, 'total', d.totalMs, 'ms', x);
    for (const p of d.percentiles) row('overall', '', metric, `p${p.p}`, p.ms, 'ms', x);
  }
  const rate = (metric: string, f: { numerator: number; denominator: number; percent: number | null; interval: { low: number; high: number } | null; excluded: Exclusions }): void => {
    const x = { numerator: f.numerator, denominator: f.denominator, n: f.denominator, excluded: f.excluded };
    row('overall', '', metric, 'percent', f.percent, 'percent', x);
    row('overall', '', metric, 'interval_low', f.interval?.low ?? null, 'percent', x);
    row('overall', '', metric, 'interval_high', f.interval?.high ?? null, 'percent', x);
  };
  rate('first_contact_resolution', m.firstContactResolution);
  if (m.slaCompliance !== null) {
    const s = m.slaCompliance;
    rate('sla_compliance', s);
    const x = { n: s.denominator, excluded: s.excluded };
    row('overall', '', 'sla_compliance', 'achieved', s.achieved, 'count', x);
    row('overall', '', 'sla_compliance', 'breached', s.breached, 'count', x);
    row('overall', '', 'sla_compliance', 'pending', s.pending, 'count', x);
    for (const t of s.byTarget) row('overall', '', 'sla_compliance', `${t.target}_percent`, t.percent, 'percent', { numerator: t.achieved, denominator: t.achieved + t.breached, n: t.achieved + t.breached });
  }
  const b = m.backlog;
  const bx = { n: b.count, excluded: b.excluded };
  row('overall', '', 'backlog', 'count', b.count, 'count', bx);
  row('overall', '', 'backlog', 'aged', b.aged, 'count', { numerator: b.aged, denominator: b.count, n: b.count, excluded: b.excluded });
  row('overall', '', 'backlog', 'median_age', b.medianAgeMs, 'ms', bx);
  for (const a of b.byAge) row('overall', '', 'backlog', `age ${a.age}`, a.count, 'count', bx);
  if (m.csat !== null) {
    const c = m.csat;
    if (c.method === 'mean') row('overall', '', 'csat', 'mean', c.mean, 'score', { n: c.denominator, excluded: c.excluded });
    else rate('csat', c);
  }
  if (m.nps !== null) {
    const n = m.nps;
    const x = { n: n.n, excluded: n.excluded };
    row('overall', '', 'nps', 'score', n.score, 'score', x);
    row('overall', '', 'nps', 'interval_low', n.interval?.low ?? null, 'score', x);
    row('overall', '', 'nps', 'interval_high', n.interval?.high ?? null, 'score', x);
    row('overall', '', 'nps', 'promoters', n.promoters, 'count', x);
    row('overall', '', 'nps', 'passives', n.passives, 'count', x);
    row('overall', '', 'nps', 'detractors', n.detractors, 'count', x);
  }
  for (const p of r.charts.volume) row('volume', p.label, 'tickets_created', 'count', p.count, 'count');
  for (const p of r.charts.backlog) {
    row('backlog', p.label, 'backlog', 'created', p.created, 'count');
    row('backlog', p.label, 'backlog', 'resolved', p.resolved, 'count');
    row('backlog', p.label, 'backlog', 'reopened', p.reopened, 'count');
    row('backlog', p.label, 'backlog', 'backlog', p.backlog, 'count');
  }
  for (const p of r.charts.slaByPriority) {
    row('sla_by_priority', p.priority, 'sla_compliance', 'percent', p.percent, 'percent', { numerator: p.achieved, denominator: p.achieved + p.breached, n: p.achieved + p.breached });
    row('sla_by_priority', p.priority, 'sla_compliance', 'pending', p.pending, 'count');
  }
  for (const t of r.breakdowns) {
    const section = `by:${t.name}`;
    for (const g of t.rows) {
      const ex = (n: number): Exclusions => ({ total: n, byReason: {} });
      row(section, g.label, 'tickets_created', 'total', g.tickets, 'count', { n: g.tickets });
      for (const [metric, d] of [['first_response_time', g.firstResponseTime], ['resolution_time', g.resolutionTime]] as const) {
        row(section, g.label, metric, 'median', d.medianMs, 'ms', { n: d.n, excluded: ex(d.excluded) });
        row(section, g.label, metric, 'p90', d.p90Ms, 'ms', { n: d.n, excluded: ex(d.excluded) });
      }
      const f = g.firstContactResolution;
      row(section, g.label, 'first_contact_resolution', 'percent', f.percent, 'percent', { numerator: f.numerator, denominator: f.denominator, n: f.denominator, excluded: ex(f.excluded) });
      if (g.slaCompliance !== null) {
        const s = g.slaCompliance;
        row(section, g.label, 'sla_compliance', 'percent', s.percent, 'percent', { numerator: s.numerator, denominator: s.denominator, n: s.denominator, excluded: ex(s.excluded) });
      }
      row(section, g.label, 'backlog', 'count', g.backlog.count, 'count', { n: g.backlog.count, excluded: ex(g.backlog.excluded) });
    }
  }
  const inp = r.input;
  row('input', '', 'records', 'read', inp.records, 'count', { n: inp.records });
  row('input', '', 'tickets', 'imported', inp.tickets, 'count', { n: inp.tickets, excluded: inp.excluded });
  row('input', '', 'surveys', 'imported', inp.surveys, 'count', { n: inp.surveys });
  return `${lines.join('\n')}\n`;
}
