/** `group-by` and `sort-by`: regrouping lists of objects in a template, by a (dotted) field path. */

export interface Group {
  key: unknown;
  items: unknown[];
}

/**
 * Groups `list` by the value at `path`, in order of first appearance; an item whose value is a list goes
 * into the group of each of its values (a note with two SIGs is in both). Items without a value come last.
 */
export function groupBy(list: readonly unknown[], path: string): Group[] {
  const read = fieldReader(path);
  const groups = new Map<unknown, unknown[]>();
  const missing: unknown[] = [];
  for (const item of list) {
    const value = read(item);
    const keys = Array.isArray(value) ? [...new Set(value)] : value === null || value === undefined ? [] : [value];
    if (keys.length === 0) missing.push(item);
    for (const key of keys) {
      const items = groups.get(key);
      if (items) items.push(item);
      else groups.set(key, [item]);
    }
  }
  const result: Group[] = [...groups].map(([key, items]) => ({ key, items }));
  if (missing.length > 0) result.push({ key: null, items: missing });
  return result;
}

/**
 * A sorted copy of `list` by the value at `path`: numbers by value, anything else as text (case-insensitive,
 * then case-sensitive); missing values last; equal items keep their order.
 */
export function sortBy(list: readonly unknown[], path: string, descending = false): unknown[] {
  const read = fieldReader(path);
  const keyed = list.map((item, index) => ({ item, index, key: read(item) }));
  keyed.sort((a, b) => {
    const aMissing = a.key === null || a.key === undefined;
    const bMissing = b.key === null || b.key === undefined;
    if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
    const order = compareValues(a.key, b.key);
    return (descending ? -order : order) || a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}

/** The items of `list` whose value at `path` equals `value` (`null` matches a missing value too). */
export function where(list: readonly unknown[], path: string, value: unknown): unknown[] {
  const read = fieldReader(path);
  return list.filter((item) => {
    const found = read(item);
    return value === null ? found === null || found === undefined : found === value;
  });
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  if (lx !== ly) return lx < ly ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads `a.b.c` through own properties only (templates never reach prototypes). */
function fieldReader(path: string): (item: unknown) => unknown {
  const parts = path.split('.');
  if (path === '' || parts.some((part) => part === '' || FORBIDDEN.has(part))) {
    throw new TypeError(`expects a field path like "author.login", got ${JSON.stringify(path)}`);
  }
  return (item) => {
    let value: unknown = item;
    for (const part of parts) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}
