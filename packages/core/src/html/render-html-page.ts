import { createHash } from 'node:crypto';
import { escapeHtml, markdownToHtml } from './markdown-to-html.js';

export interface HtmlPageOptions {
  /** The page title (plain text). */
  title: string;
}

const STYLE = [
  'body{margin:0;background:#fff;color:#1f2328;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}',
  'main{max-width:60rem;margin:0 auto;padding:1rem 2rem 4rem}',
  'h1,h2,h3{line-height:1.25;margin:1.5em 0 .5em}h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}',
  'li{margin:.25em 0}a{color:#0969da}',
  'code,pre{font:85% ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;border-radius:6px}',
  'code{padding:.2em .4em}pre{padding:1em;overflow:auto}pre code{padding:0;background:none}',
  'blockquote{margin:0;padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}',
].join('');

// Nothing may run or load: no scripts, no frames, no images or fonts from anywhere; only this inline style.
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The changelog as one self-contained HTML page: Markdown → HTML with remark-rehype, sanitised with
 * rehype-sanitize (GitHub's schema), inline CSS, and a Content-Security-Policy that lets nothing run or load.
 */
export function renderHtmlPage(markdown: string, options: Readonly<HtmlPageOptions>): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${markdownToHtml(markdown)}
</main>
</body>
</html>
`;
}
