import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown-to-html.js';
import { renderHtmlPage } from './render-html-page.js';

describe('renderHtmlPage', () => {
  const page = renderHtmlPage('# v1.2.0\n\n## Feature\n\n- Gizmos resize. ([#1](https://example.com/pull/1))\n', {
    title: 'Notes <v1.2.0> & "more"',
  });

  it('renders the changelog as one HTML document', () => {
    expect(page.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(page).toContain('<h1>v1.2.0</h1>');
    expect(page).toContain('<h2>Feature</h2>');
    expect(page).toContain('<li>Gizmos resize. (<a href="https://example.com/pull/1">#1</a>)</li>');
  });

  it('escapes the title', () => {
    expect(page).toContain('<title>Notes &lt;v1.2.0&gt; &amp; &quot;more&quot;</title>');
  });

  it('loads nothing from outside: no script, no link, no src, and a CSP that allows only its own style', () => {
    expect(page).not.toMatch(/<script|<link|\ssrc=/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe');
  });

  it('drops raw HTML and dangerous URLs that reach it, even unsanitised', () => {
    const html = renderHtmlPage('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>', {
      title: 't',
    });
    expect(html).not.toMatch(/<script>alert|javascript:|onerror/i);
  });
});

describe('markdownToHtml', () => {
  it('turns images into links to them, so that the page loads nothing', () => {
    expect(markdownToHtml('![logo](https://example.com/logo.png)')).toBe(
      '<p><a href="https://example.com/logo.png">logo</a></p>',
    );
  });
});
