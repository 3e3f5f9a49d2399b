/** Characters a plain `https://…` URL may hold and that mean nothing to Markdown in a link destination. */
function isPlainUrlChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    '-._~/:?#=&%+@,;!$*'.includes(String.fromCharCode(code))
  );
}

/**
 * A URL as it can stand in a Markdown link, `[text](here)`: an absolute `http` or `https` URL, normalised
 * by the WHATWG parser (spaces, quotes and angle brackets percent-encoded) with parentheses encoded too, so
 * that it cannot end the link early or open a new one. Anything else (`javascript:`, a relative path,
 * text that is no URL) gives `''`: templates then print the text without a link.
 */
export function safeLinkDestination(url: string): string {
  if (url.startsWith('https://') || url.startsWith('http://')) {
    let plain = true;
    for (let i = 0; i < url.length && plain; i++) plain = isPlainUrlChar(url.charCodeAt(i));
    if (plain) return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all.
    return '';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
  return parsed.href.replaceAll('(', '%28').replaceAll(')', '%29');
}
