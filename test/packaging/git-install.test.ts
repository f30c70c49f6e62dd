/**
 * Installing from git (`npm install git+file://…`, `github:owner/repo`): npm clones the repository, installs
 * its devDependencies, runs `prepare` (the build) and packs it; without `prepare` the package would hold
 * README and package.json only. The repository is this working tree as it is (tracked and untracked files
 * that git does not ignore; not dist/, not node_modules), committed to a scratch repository; the install is
 * offline (the devDependencies come from the npm cache that `npm ci` filled, decimal.js from a tarball of the
 * locked copy). Slow (npm installs the devDependencies and builds): run on its own by `npm run test:git`,
 * which `npm test` runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, installInScratchProject, missingPackageFiles, npm, root, run, runtimeReports, scratchDir } from './support.js';

const INSTALL_TIMEOUT_MS = 300_000;
let scratch: ReturnType<typeof scratchDir> | undefined;
afterAll(() => scratch?.remove());

/** Copies the working tree (what git would commit, with uncommitted changes) into a new repository. */
async function snapshotRepository(target: string): Promise<void> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, env: childEnv() })
    .toString('utf8')
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(root, f)) && statSync(join(root, f)).isFile());
  for (const f of listed) cpSync(join(root, f), join(target, f));
  const git = (...args: string[]) => run('git', ['-c', 'user.name=packaging test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], target);
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '--no-verify', '-m', 'snapshot of the working tree');
}

/** Package-relative files of an installed package (`/` separators), sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe('installing from a git URL', () => {
  it('runs prepare: the installed package holds the files npm pack would publish, and works', async () => {
    scratch = scratchDir('git');
    const repo = join(scratch.dir, 'repo');
    const project = join(scratch.dir, 'project');
    await snapshotRepository(repo);
    const installed = await installInScratchProject(project, scratch.dir, `git+${pathToFileURL(repo).href}`);
    expect(missingPackageFiles(installed)).toEqual([]);
    // The same files as a tarball packed from this working tree after `npm run build`.
    const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], root);
    const packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    expect(filesUnder(installed)).toEqual(packed);

    const { actual, expected } = await runtimeReports(project);
    expect(actual).toEqual(expected);
  }, INSTALL_TIMEOUT_MS);
});
