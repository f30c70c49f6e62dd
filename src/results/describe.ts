/**
 * Printing a value faithfully in a message (the one formatter every message uses).
 *
 * @internal
 * @module
 */

/**
 * @internal A value as a message shows it, faithfully: strings quoted (`"200"`), numbers as written (`200`,
 * `NaN`, `Infinity`, `-0`), `5n`, `undefined`, `null`, and the kind of anything else with its article
 * (`an object`, `an array`, `a function`, `a Date (Invalid Date)`). Never throws, never calls user code (no `toString`, no getters).
 */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}…` : JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value instanceof Date) {
    const t = value.getTime();
    return t === t ? `a Date (${value.toISOString()})` : 'a Date (Invalid Date)';
  }
  if (ArrayBuffer.isView(value)) return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return 'an object';
}


/** @internal Text for a message: a string as it is, anything else as {@link describe} prints it. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : describe(value);
}
