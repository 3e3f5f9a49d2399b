import { excerpt } from '../errors.js';

/** A bad value as an error message shows it: JSON, cut to one short line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // Cyclic or BigInt values cannot come from JSON.parse; describe them by type instead.
    json = `a ${typeof value} (${error instanceof Error ? error.message : 'not serialisable'})`;
  }
  return excerpt(json ?? String(value), 60);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
