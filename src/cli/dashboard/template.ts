/**
 * `--format html`: one self-contained HTML file: the report as JSON inside the page, the dashboard's code
 * (with Observable Plot, inlined at build time) and its styles. It opens from disk with no network: its
 * Content-Security-Policy allows inline code and styles only, so nothing can be fetched.
 *
 * @internal
 * @module
 */
import client from 'virtual:dashboard-client';
import type { Report } from '../report.js';
import { subjectLine } from '../format/text.js';

const CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --card: #f6f7f9; --accent: #3b63c4; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1360px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 13px; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
header p { margin: 2px 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin-top: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; cursor: help; }
.card .value { font-size: 24px; font-weight: 650; margin: 0; font-variant-numeric: tabular-nums; }
.card .interval, .card .n { margin: 2px 0 0; font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; margin-top: 20px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px; background: #fff; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; }
figcaption .n { display: block; margin-top: 2px; }
.empty { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; white-space: nowrap; }
th.num, td.num { text-align: right; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: var(--ink); }
th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--accent); }
th[aria-sort="descending"] button::after { content: " ▼"; color: var(--accent); }
section.breakdown { overflow-x: auto; }
.hint, .defs { color: var(--muted); font-size: 12px; }
.defs li { margin: 3px 0; }
`;

/** Text for an HTML element's content. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no line separators JavaScript would trip on). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The report as a self-contained HTML dashboard. */
export function formatHtml(r: Report): string {
  const code = client.replace(/<\/(script)/gi, '<\\/$1');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="helpdesk-metrics ${escapeHtml(r.version)}">
<title>Support metrics: ${escapeHtml(subjectLine(r))}</title>
<style>${CSS}</style>
</head>
<body>
<main><noscript>This dashboard draws its charts with JavaScript; the same figures are in the JSON below and in helpdesk-metrics --format table.</noscript></main>
<script type="application/json" id="report-data">${scriptJson(r)}</script>
<!-- Charts: Observable Plot (ISC licence) and d3 (ISC licence), bundled at build time. -->
<script>${code}</script>
</body>
</html>
`;
}
