// `npm run report`: the command line on the bundled sample (examples/helpdesk-metrics.json: the tickets in
// examples/data, breakdowns, an SLA policy): the table on stdout and the HTML dashboard written next to it, in
// examples/out/report.html. `npm run report -- <args>` runs `helpdesk-metrics report <args>` instead, on your files.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const run = (args) => spawnSync(process.execPath, [cli, 'report', ...args], { stdio: 'inherit' }).status ?? 1;
const args = process.argv.slice(2);
if (args.length > 0) process.exit(run(args));
const config = ['--config', `${root}examples/helpdesk-metrics.json`];
const table = run([...config, '--quiet']);
if (table !== 0) process.exit(table);
mkdirSync(`${root}examples/out`, { recursive: true });
const html = 'examples/out/report.html';
const status = run([...config, '--quiet', '--format', 'html', '--out', `${root}${html}`]);
if (status === 0) console.log(`Dashboard: ${html} (open it in a browser; it needs no network)`);
process.exit(status);
