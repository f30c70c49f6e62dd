// Links the package's own bin into node_modules/.bin, so that `npx helpdesk-metrics` runs the built CLI in a
// clone after `npm ci` (npm links the bins of dependencies only, never the root package's own). Run by
// `prepare`, after the build. Elsewhere (a git dependency being packed, no node_modules) it does nothing.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const binDir = path.join(root, 'node_modules', '.bin');
if (!fs.existsSync(path.join(root, 'node_modules'))) process.exit(0);
fs.mkdirSync(binDir, { recursive: true });
for (const [name, target] of Object.entries(pkg.bin ?? {})) {
  const link = path.join(binDir, name);
  const file = path.join(root, target);
  fs.rmSync(link, { force: true });
  if (process.platform === 'win32') {
    fs.writeFileSync(`${link}.cmd`, `@node "${file}" %*\r\n`);
  } else {
    fs.symlinkSync(path.relative(binDir, file), link);
    fs.chmodSync(file, 0o755);
  }
}
