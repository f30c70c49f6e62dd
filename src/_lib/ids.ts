/**
 * The duplicate-id check every record reader shares.
 *
 * @internal
 * @module
 */
import { Invalid, recordLabel } from './records.js';

/**
 * @internal The identity checks every reader makes of record `index` of `collection`, in this order: an object,
 * an id that is a non-empty string or a finite number, not seen before in `seen`. Returns the id; throws
 * {@link Invalid} for the first rule broken. (`noun` names the record in the message: 'a call'.)
 */
export function checkRecordId(raw: unknown, index: number, collection: string, noun: string, seen: IdSet): string | number {
  if (raw === null || typeof raw !== 'object') {
    throw new Invalid('invalid_record', `${collection}[${index}]`, raw === undefined ? 'the entry is empty (a hole or undefined)' : `a ${raw === null ? 'null' : typeof raw} is not ${noun}`);
  }
  const id = (raw as { id?: unknown }).id;
  if (typeof id === 'string' ? id.length === 0 : typeof id !== 'number' || !Number.isFinite(id)) {
    throw new Invalid(id === undefined ? 'missing_field' : 'invalid_value', 'id', 'id must be a non-empty string or a finite number');
  }
  if (!seen.add(id as string | number, index)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(String(id))} appears more than once`);
  return id as string | number;
}

/**
 * @internal An insert-only set of id labels over the records of one input list (7 and '7' are the same id).
 *
 * While ids arrive strictly increasing (all strings, or all numbers: exports sorted by id) they are distinct by
 * construction and nothing is stored. At the first id out of order, the labels of the records before it are
 * loaded into an open-addressing table of (FNV-1a hash, key) pairs in one Int32Array, so that a probe touches one
 * cache line and compares strings only when the hashes match.
 *
 * Readers may test the increasing case inline: while `last` is a string, a string id greater than it is new, and
 * the reader sets `last` to it. Anything else goes through {@link IdSet.add}. `last` is `undefined` before the
 * first id and once the table is in use.
 */
export class IdSet {
  /** The greatest id so far while ids increase; `undefined` before the first id and once hashed. */
  last: string | number | undefined = undefined;
  private hashed = false;
  private table = new Int32Array(0);
  private readonly keys: string[] = [];
  private mask = 0;

  constructor(private readonly list: readonly unknown[]) {}

  /** Adds the id of `list[index]`; returns false when it was already there. */
  add(id: string | number, index: number): boolean {
    if (!this.hashed) {
      const last = this.last;
      if (last === undefined || (typeof id === typeof last && id > last)) {
        this.last = id;
        return true;
      }
      this.hashed = true;
      this.last = undefined;
      let size = 16;
      while (size < this.list.length * 2) size *= 2;
      this.table = new Int32Array(size * 2);
      this.mask = size - 1;
      for (let i = 0; i < index; i++) {
        const label = recordLabel(this.list[i]);
        if (label !== undefined) this.insert(label);
      }
    }
    return this.insert(typeof id === 'string' ? id : String(id));
  }

  private insert(id: string): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    const { table, keys, mask } = this;
    let j = h & mask;
    for (;;) {
      const slot = (table[2 * j + 1] as number) - 1;
      if (slot < 0) {
        table[2 * j] = h;
        table[2 * j + 1] = keys.push(id);
        return true;
      }
      if (table[2 * j] === h && keys[slot] === id) return false;
      j = (j + 1) & mask;
    }
  }
}
