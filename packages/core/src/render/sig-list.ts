/** `SIG A, B and C` from display names, in the order given; `''` for none. */
export function joinSigNames(names: readonly string[]): string {
  const last = names[names.length - 1];
  if (last === undefined) return '';
  return names.length === 1 ? `SIG ${last}` : `SIG ${names.slice(0, -1).join(', ')} and ${last}`;
}
