const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Whether a link target is an absolute `http`, `https` or `mailto` URL, read the way a browser reads it:
 * tabs and newlines anywhere are ignored, leading and trailing controls and spaces are trimmed, the
 * scheme is case-insensitive. The URL is expected already decoded from Markdown (entities, escapes).
 */
export function isSafeUrl(url: string): boolean {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  let scheme = '';
  for (let i = start; i < end; i++) {
    const char = url.charAt(i);
    if (char === '\t' || char === '\n' || char === '\r') continue;
    if (char === ':') return SAFE_SCHEMES.has(scheme.toLowerCase());
    const code = char.charCodeAt(0);
    const alpha = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const rest = (code >= 0x30 && code <= 0x39) || char === '+' || char === '-' || char === '.';
    if (!alpha && !(scheme !== '' && rest)) return false;
    scheme += char;
  }
  return false;
}
