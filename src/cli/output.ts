/**
 * Writing output files whole or not at all: the text goes to a temporary file beside the target, which is
 * renamed over it once complete. An error (or a kill) before the rename leaves the target as it was.
 *
 * @internal
 * @module
 */
import { randomBytes } from 'node:crypto';
import { rmSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inputError } from './errors.js';

/** Writes `text` to `file` atomically (temporary file + rename). */
export function writeAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError(`cannot write ${file}: its directory ${dirname(file)} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw inputError(`cannot write ${file}: permission denied`);
    if (code === 'EISDIR') throw inputError(`cannot write ${file}: it is a directory`);
    throw inputError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
