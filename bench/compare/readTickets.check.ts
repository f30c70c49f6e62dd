/**
 * A check of bench/compare/readTickets.ts (`npx tsx bench/compare/readTickets.check.ts`): awkward values
 * (brackets, commas and escaped quotes in strings, nested arrays, non-ASCII) in three layouts, read with
 * chunks of 1 byte to 1 MB, must come back equal to `JSON.parse` of the whole; malformed files must throw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonArray, readNdjson } from './readTickets.js';
const dir = mkdtempSync(join(tmpdir(), 'read-tickets-'));
const vals: unknown[] = [
  { a: 'x,y]}', b: ['[', '{', ',"'], c: 'q\\"uote\\\\', d: { e: [1, [2, [3]]] } },
  'plain "str" \\',
  [],
  {},
  12345678901234,
  null,
  true,
  { u: 'éü漢字😀', long: 'z'.repeat(300) },
  [[[]]],
];
const layouts = [JSON.stringify(vals), JSON.stringify(vals, null, 2), `\n  [ ${vals.map((v) => JSON.stringify(v)).join(' ,\n\n ')} ]  \n`];
let ok = 0;
for (const text of layouts) for (const chunk of [1, 2, 3, 5, 7, 64, 1 << 20]) {
  writeFileSync(`${dir}/rt.json`, text);
  const got = readJsonArray(`${dir}/rt.json`, chunk);
  if (JSON.stringify(got) !== JSON.stringify(vals)) throw new Error(`array mismatch chunk ${chunk}: ${JSON.stringify(got)}`);
  ok++;
}
for (const text of [vals.map((v) => JSON.stringify(v)).join('\n'), `${vals.map((v) => JSON.stringify(v)).join('\r\n\n')}\n\n`]) for (const chunk of [1, 3, 64, 1 << 20]) {
  writeFileSync(`${dir}/rt.ndjson`, text);
  const got = readNdjson(`${dir}/rt.ndjson`, chunk);
  if (JSON.stringify(got) !== JSON.stringify(vals)) throw new Error(`ndjson mismatch chunk ${chunk}: ${JSON.stringify(got)}`);
  ok++;
}
// Records that open alike (the fast cut's case), with its traps: the opening inside strings and in nested
// objects (a cut there must not parse), escaped quotes before it, pretty and compact layouts.
const records: unknown[] = [];
for (let r = 0; r < 300; r++) {
  const rec: Record<string, unknown> = { id: `R-${r}`, n: r };
  if (r % 7 === 0) rec.s = `x\\",{"id":"fake",`;
  if (r % 11 === 0) rec.kids = [{ id: `K-${r}`, more: [{ id: 'deep' }] }, { id: 'K2' }];
  if (r % 13 === 0) rec.q = '\\"},{"id"';
  records.push(rec);
}
for (const text of [JSON.stringify(records), JSON.stringify(records, null, 1), `[${records.map((v) => JSON.stringify(v)).join(',\n')}]`]) {
  for (const chunk of [7, 64, 300, 4096, 1 << 20]) {
    writeFileSync(`${dir}/rt.json`, text);
    const got = readJsonArray(`${dir}/rt.json`, chunk);
    if (JSON.stringify(got) !== JSON.stringify(records)) throw new Error(`records mismatch chunk ${chunk}`);
    ok++;
  }
}
let failed = 0;
for (const bad of ['', '{"a":1}', '[1,2', '[1,2] x', '[1,,2]', '[{"a":"b]']) {
  writeFileSync(`${dir}/rt.json`, bad);
  try {
    readJsonArray(`${dir}/rt.json`, 2);
    console.log('no error for', JSON.stringify(bad));
    failed++;
  } catch {
    ok++;
  }
}
writeFileSync(`${dir}/rt.json`, ' [ ] ');
if (readJsonArray(`${dir}/rt.json`).length !== 0) failed++;
rmSync(dir, { recursive: true });
console.log(`${ok} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
