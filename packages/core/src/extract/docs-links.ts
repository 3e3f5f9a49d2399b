import type { DocLink, DocType } from '../model.js';

function hostOf(url: string): { host: string; path: string } | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return { host: parsed.hostname.toLowerCase().replace(/^www\./, ''), path: parsed.pathname };
}

/**
 * What a documentation link points at: `KEP` for the kubernetes/enhancements repository (issues,
 * `keps/` trees and blobs, pull requests) and `kep.k8s.io` short links; `official` for docs on
 * kubernetes.io or k8s.io; `external` for anything else, including text that is not a URL.
 * Unlike krel, `kep.k8s.io/N` is a KEP, not external.
 */
export function classifyDocLink(url: string): DocType {
  const target = hostOf(url.trim());
  if (!target) return 'external';
  const { host, path } = target;
  if (host === 'kep.k8s.io') return 'KEP';
  if (host === 'github.com' && path.toLowerCase().startsWith('/kubernetes/enhancements/')) return 'KEP';
  if (host === 'git.k8s.io' && path.toLowerCase().startsWith('/enhancements/')) return 'KEP';
  const official = host === 'kubernetes.io' || host.endsWith('.kubernetes.io') || host === 'k8s.io';
  if (official && /(^|\/)docs(\/|$)/.test(path)) return 'official';
  return 'external';
}

function stripBullet(line: string): string {
  const trimmed = line.trim();
  const first = trimmed.charAt(0);
  if ((first === '-' || first === '*' || first === '+') && /\s/.test(trimmed.charAt(1))) return trimmed.slice(2).trim();
  return trimmed;
}

function cleanDescription(text: string): string {
  let description = text.trim();
  while (description.endsWith(':') || description.endsWith('-') || description.endsWith('–')) {
    description = description.slice(0, -1).trimEnd();
  }
  // `[KEP]: https://…` is a link reference definition: its label is the description.
  if (description.startsWith('[') && description.endsWith(']')) description = description.slice(1, -1).trim();
  return description;
}

function endOfUrl(text: string, start: number): number {
  let end = start;
  while (end < text.length && !/\s/.test(text.charAt(end))) end++;
  return end;
}

/** One line of a docs block as a link, or null when the line holds no http(s) URL. */
function parseDocsLine(line: string): DocLink | null {
  const text = stripBullet(line);
  const lower = text.toLowerCase();
  // [Usage](https://…) — a Markdown link.
  const linkAt = lower.indexOf('](http');
  if (text.startsWith('[') && linkAt > 0) {
    const close = text.indexOf(')', linkAt);
    const url = text.slice(linkAt + 2, close < 0 ? undefined : close).trim();
    return { url, description: text.slice(1, linkAt).trim(), type: classifyDocLink(url) };
  }
  const httpsAt = lower.indexOf('https://');
  const httpAt = lower.indexOf('http://');
  const at = httpsAt < 0 ? httpAt : httpAt < 0 ? httpsAt : Math.min(httpAt, httpsAt);
  if (at < 0) return null;
  let url = text.slice(at, endOfUrl(text, at));
  let before = text.slice(0, at);
  // <https://…>
  if (before.endsWith('<') && url.endsWith('>')) {
    before = before.slice(0, -1);
    url = url.slice(0, -1);
  }
  return { url, description: cleanDescription(before), type: classifyDocLink(url) };
}

/** The links of a ```docs block: one per line that holds an http(s) URL; other lines are ignored. */
export function parseDocsBlock(value: string): DocLink[] {
  const links: DocLink[] = [];
  for (const line of value.split('\n')) {
    const link = parseDocsLine(line);
    if (link && URL.canParse(link.url)) links.push(link);
  }
  return links;
}
