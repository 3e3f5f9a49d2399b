/** True when the text holds a control character (a newline in a tag name, say). */
export function hasControl(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) if (value.charCodeAt(index) < 32) return true;
  return false;
}

/** A tag, branch or commit that can go into a URL path and never reads as an option or a range. */
export function isSafeRef(ref: string): boolean {
  return ref !== '' && !ref.startsWith('-') && !ref.includes('..') && !ref.includes(' ') && !hasControl(ref);
}
