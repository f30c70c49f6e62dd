// After `tsup --config tsup.node.config.ts`: the CommonJS types of the Node entry (dist/node/index.d.cts) import
// the root entry's CommonJS types (../index.cjs → ../index.d.cts), as the CommonJS code requires ../index.cjs.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../dist/node/index.d.cts', import.meta.url);
const text = readFileSync(file, 'utf8');
const fixed = text.replace(/from '\.\.\/index\.js'/g, "from '../index.cjs'");
if (fixed === text) throw new Error('scripts/node-types.mjs: dist/node/index.d.cts imports nothing from ../index.js');
writeFileSync(file, fixed);
