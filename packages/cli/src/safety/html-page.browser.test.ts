import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReleaseNotes, createRenderContext, renderHtmlPage, sanitizeNotes } from '@relnotes/core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinTemplate, makeNote, makePullRequest } from './test-helpers/pipeline.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
// In CI the browser is installed by .ci/run: a missing one is a failure, not a skip.
const RUN = IN_CI || existsSync(CHROMIUM);

/** Each tries to set window.__pwned, open a dialog, or leave a dangerous link. */
const HOSTILE = [
  '<script>window.__pwned = 1; alert(1)</script>',
  'An image <img src=x onerror="window.__pwned = 2; alert(2)"> inline',
  '<svg onload="window.__pwned = 3"><circle r=1 /></svg>',
  '[click me](javascript:window.__pwned=4)',
  '[entity](&#106;avascript:window.__pwned=5) and [hex](&#x6A;&#x61;vascript:window.__pwned=5)',
  '[mixed case](JaVaScRiPt:window.__pwned=6) [tab](<java\tscript:window.__pwned=6>)',
  '[vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:window.__pwned=7">raw anchor</a>',
  '![pixel](javascript:window.__pwned=8) ![svg](data:image/svg+xml,<svg onload=alert(1)>)',
  '<iframe src="data:text/html,<script>parent.__pwned=9</script>"></iframe>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=10">',
  '<details open ontoggle="window.__pwned=11"><summary>open me</summary>x</details>',
  '<style>body { background: url("javascript:window.__pwned=12") }</style>',
  '[ref]\n\n[ref]: javascript:window.__pwned=13',
  '<javascript:window.__pwned=14>',
  '<base href="javascript:alert(15)//">',
  '<form action="javascript:window.__pwned=16"><button>go</button></form>',
  '<object data="javascript:window.__pwned=17"></object><embed src="javascript:window.__pwned=17">',
  '<!-- an unclosed comment hides the rest',
  '</ul></li><h1>Injected heading</h1><ul><li>',
  '```html\n<script>window.__pwned = 18</script>\n```',
  'Ends in an open fence\n```\n<img src=x onerror="window.__pwned=19">',
  '# Fake section\n\n<div onmouseover="window.__pwned=20">hover</div>',
  'Bidi \u202e}]1[=denwp__.wodniw\u202c and NUL \u0000 and ANSI \u001b[31mred\u001b[0m',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=21">',
];

interface PageReport {
  pwned: unknown;
  scripts: number;
  handlers: string[];
  hrefs: string[];
  embedded: number;
  images: number;
}

let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  if (!RUN) return;
  expect(existsSync(CHROMIUM), `chromium not found at ${CHROMIUM}: .ci/run installs it (set CHROMIUM_PATH)`).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  dir = await mkdtemp(join(tmpdir(), 'relnotes-browser-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function hostilePage(): Promise<string> {
  const fromBodies = buildReleaseNotes(
    HOSTILE.map((text, index) => makePullRequest(index + 1, `\`\`\`release-note\n${text}\n\`\`\``)),
  ).notes;
  // The same texts as an override file could give them (no extraction on the way).
  const asWritten = HOSTILE.map((text, index) => makeNote(100 + index, text, { kinds: ['feature'] }));
  const notes = sanitizeNotes([...fromBodies, ...asWritten]).notes;
  const markdown = (await builtinTemplate('kubernetes'))(
    createRenderContext(notes, { release: { version: 'v9.9.9' } }),
  );
  return renderHtmlPage(markdown, { title: 'Release v9.9.9 <script>window.__pwned = 99</script>' });
}

async function load(html: string, name: string) {
  if (!browser) throw new Error('no browser');
  const file = join(dir, name);
  await writeFile(file, html);
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== pathToFileURL(file).href) requests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // Give timers, toggles and late handlers a chance to fire.
  await page.mouse.move(10, 10);
  await page.mouse.move(200, 300);
  await page.waitForTimeout(300);
  const report: PageReport = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scripts: document.scripts.length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      // The browser's own parse of each link: what a click would open.
      hrefs: [...document.querySelectorAll('a[href], area[href]')].map((a) => (a as HTMLAnchorElement).protocol),
      embedded: document.querySelectorAll('iframe, object, embed, frame, form, base, meta[http-equiv="refresh"]')
        .length,
      images: document.images.length,
    };
  });
  const text = await page.evaluate(() => document.body.textContent ?? '');
  await page.close();
  return { report, dialogs, errors, requests, text };
}

describe.skipIf(!RUN)('the HTML page in headless Chromium', () => {
  it('runs no script and holds no dangerous link, with hostile notes', async () => {
    const result = await load(await hostilePage(), 'notes.html');
    expect(result.report.pwned).toBeUndefined();
    expect(result.dialogs).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.requests).toEqual([]);
    expect(result.report.scripts).toBe(0);
    expect(result.report.handlers).toEqual([]);
    expect(result.report.embedded).toBe(0);
    expect(result.report.images).toBe(0);
    expect(result.report.hrefs.length).toBeGreaterThan(0);
    for (const protocol of result.report.hrefs) expect(['http:', 'https:', 'mailto:']).toContain(protocol);
    // The hostile text is still there, as text.
    expect(result.text).toContain('<script>window.__pwned = 1;');
  }, 60_000);

  it('is safe without its Content-Security-Policy too: sanitising alone stops every script', async () => {
    const html = (await hostilePage()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(html).not.toContain('Content-Security-Policy');
    const result = await load(html, 'no-csp.html');
    expect(result.report.pwned).toBeUndefined();
    expect(result.dialogs).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.requests).toEqual([]);
    for (const protocol of result.report.hrefs) expect(['http:', 'https:', 'mailto:']).toContain(protocol);
  }, 60_000);

  it('the check can fail: an unsanitised page runs its script', async () => {
    const result = await load(
      '<!DOCTYPE html><a href="javascript:1">x</a><script>window.__pwned = 1</script>',
      'bad.html',
    );
    expect(result.report.pwned).toBe(1);
    expect(result.report.hrefs).toContain('javascript:');
  }, 60_000);
});
