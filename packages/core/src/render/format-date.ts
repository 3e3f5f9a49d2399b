const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;

export type DateStyle = 'iso' | 'long';

/**
 * An ISO date or timestamp as `2026-11-25` (`iso`) or `November 25, 2026` (`long`), always in UTC and in
 * English, so the output does not depend on the machine's time zone or locale.
 */
export function formatDate(value: string, style: DateStyle = 'iso'): string {
  const time = ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new TypeError(`expects an ISO date like 2026-11-25, got ${JSON.stringify(value)}`);
  const date = new Date(time);
  if (style === 'long') return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  return date.toISOString().slice(0, 10);
}
