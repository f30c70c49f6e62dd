// Adds lockfile entries for rollup's native binaries of other platforms (optional, never installed here).
// npm 11's `npm ci` requires an entry for every optional dependency, but this workplace's registry mirror
// does not serve the non-Linux binaries, so `npm install` here leaves them out and `npm ci` then refuses the
// lockfile ("Missing: @rollup/rollup-android-arm-eabi@ from lock file"). Run after regenerating the lock:
//     node .ci/complete-lockfile.cjs && npm ci --dry-run
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
if (!rollup || !rollup.optionalDependencies) process.exit(0);
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32'];
const CPU = ['arm', 'arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];
let added = 0;
for (const name of Object.keys(rollup.optionalDependencies)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [os, cpu, ...rest] = name.replace('@rollup/rollup-', '').split('-');
  if (!OS.includes(os) || !CPU.includes(cpu)) throw new Error(`unexpected rollup binary ${name}`);
  const entry = { version: rollup.version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  if (os === 'linux') entry.libc = [rest.join('-').includes('musl') ? 'musl' : 'glibc'];
  lock.packages[key] = entry;
  added++;
}
const sorted = {};
for (const k of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0))) {
  sorted[k] = lock.packages[k];
}
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} entries`);
