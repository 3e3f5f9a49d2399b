import { RelnotesError } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import { insertRelease } from './insert-release.js';

const NOTES_5 = '## v0.5.0\n\n- Gears spin faster.\n';
const NOTES_5B = '## v0.5.0\n\n- Gears spin faster.\n- Levers are longer.\n';
const NOTES_6 = '## v0.6.0\n\n- Pulleys pull.\n';
const options = (release: string) => ({ release, file: 'CHANGELOG.md' });

function sectionOf(text: string, release: string): string {
  const start = text.indexOf(`<!-- relnotes:release ${release} `);
  const endMarker = `<!-- relnotes:release-end ${release} -->`;
  const end = text.indexOf(endMarker);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end + endMarker.length);
}

function thrown(run: () => unknown): RelnotesError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RelnotesError);
    return error as RelnotesError;
  }
  throw new Error('expected an error');
}

describe('insertRelease', () => {
  it('creates the file content when there is no file, wrapped in release markers', () => {
    const { text, action } = insertRelease(null, NOTES_5, options('v0.5.0'));
    expect(action).toBe('created');
    expect(text).toMatch(
      /^<!-- relnotes:release v0\.5\.0 sha256:[0-9a-f]{16} -->\n## v0\.5\.0\n\n- Gears spin faster\.\n<!-- relnotes:release-end v0\.5\.0 -->\n$/,
    );
    expect(insertRelease('', NOTES_5, options('v0.5.0')).text).toBe(text);
  });

  it('goes below a leading "# Title" line and keeps the rest byte for byte', () => {
    const existing = '# Changelog\n\n## v0.4.0\n\n- Old   text  with  spaces \n\n\n<!-- a comment -->\n';
    const { text, action } = insertRelease(existing, NOTES_5, options('v0.5.0'));
    expect(action).toBe('inserted');
    const section = sectionOf(text, 'v0.5.0');
    expect(text).toBe(`# Changelog\n\n${section}\n${existing.slice('# Changelog\n'.length)}`);
    expect(text.endsWith('## v0.4.0\n\n- Old   text  with  spaces \n\n\n<!-- a comment -->\n')).toBe(true);
  });

  it('adds a blank line after a title with no blank line under it, and after a title at the end of the file', () => {
    const tight = insertRelease('# Changelog\n## v0.4.0\n', NOTES_5, options('v0.5.0')).text;
    expect(tight).toBe(`# Changelog\n\n${sectionOf(tight, 'v0.5.0')}\n\n## v0.4.0\n`);
    const bare = insertRelease('# Changelog', NOTES_5, options('v0.5.0')).text;
    expect(bare).toBe(`# Changelog\n\n${sectionOf(bare, 'v0.5.0')}\n`);
  });

  it('goes at the very top of a file without a title', () => {
    const existing = '## v0.4.0\n\n- Old.\n';
    const { text } = insertRelease(existing, NOTES_5, options('v0.5.0'));
    expect(text).toBe(`${sectionOf(text, 'v0.5.0')}\n\n${existing}`);
  });

  it('keeps a byte-order mark first', () => {
    const { text } = insertRelease('\uFEFF# Changelog\n\n## v0.4.0\n\nOld.\n', NOTES_5, options('v0.5.0'));
    expect(text.startsWith('\uFEFF# Changelog\n\n<!-- relnotes:release v0.5.0 ')).toBe(true);
    expect(text.endsWith('-->\n\n## v0.4.0\n\nOld.\n')).toBe(true);
  });

  it('goes after a Keep a Changelog title and intro, before the first release, keeping every other byte', () => {
    const intro =
      '# Changelog\n\nAll notable changes to this project are documented in this file.\n\n' +
      'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n' +
      'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n';
    const releases =
      '## [0.4.0] - 2099-01-02\n\n### Added\n\n- Old   gears. \n\n## [0.3.0] - 2099-01-01\n\n- Older.\n\n' +
      '[0.4.0]: https://example.com/compare/v0.3.0...v0.4.0\n';
    const { text, action } = insertRelease(intro + releases, NOTES_5, options('v0.5.0'));
    expect(action).toBe('inserted');
    expect(text).toBe(`${intro}${sectionOf(text, 'v0.5.0')}\n\n${releases}`);
    // The next release goes above this one, still below the intro.
    const six = insertRelease(text, NOTES_6, options('v0.6.0')).text;
    expect(six).toBe(`${intro}${sectionOf(six, 'v0.6.0')}\n\n${sectionOf(six, 'v0.5.0')}\n\n${releases}`);
    // The same bytes in a CRLF file.
    const crlf = (value: string) => value.replace(/\n/g, '\r\n');
    const again = insertRelease(crlf(intro + releases), NOTES_5, options('v0.5.0')).text;
    expect(again).toBe(crlf(`${intro}${sectionOf(text, 'v0.5.0')}\n\n${releases}`));
  });

  it('takes any heading deeper than the title as the first release, but not one in a code block', () => {
    const intro = '# Project\nIntro:\n\n```md\n## not a release\n```\n';
    const rest = '### 0.4.0\n- Old.\n';
    const { text } = insertRelease(intro + rest, NOTES_5, options('v0.5.0'));
    expect(text).toBe(`${intro}\n${sectionOf(text, 'v0.5.0')}\n\n${rest}`);
  });

  it('goes above a file of `# vX` releases (the kubernetes pack), never between a release and its notes', () => {
    const notes = '# v0.5.0\n\n## Changelog since v0.4.9\n\n- Gears spin faster.\n';
    const older = '# v0.4.9\n\n## Changelog since v0.4.8\n\n- Levers.\n';
    const { text } = insertRelease(older, notes, options('v0.5.0'));
    expect(text).toBe(`${sectionOf(text, 'v0.5.0')}\n\n${older}`);
    const titled = `# Changelog\n\nIntro.\n\n${older}`;
    const below = insertRelease(titled, notes, options('v0.5.0')).text;
    expect(below).toBe(`# Changelog\n\nIntro.\n\n${sectionOf(below, 'v0.5.0')}\n\n${older}`);
  });

  it('keeps a Keep a Changelog "[Unreleased]" section above the new release', () => {
    const top = '# Changelog\n\n## [Unreleased]\n\n- Soon.\n\n';
    const rest = '## [0.4.0] - 2026-01-01\n\n- Old.\n';
    const { text } = insertRelease(top + rest, NOTES_5, options('v0.5.0'));
    expect(text).toBe(`${top}${sectionOf(text, 'v0.5.0')}\n\n${rest}`);
  });

  it('goes after the intro, at the end, when the file has no release yet', () => {
    const intro = '# Changelog\n\nAll notable changes are documented here.\n';
    const { text } = insertRelease(intro, NOTES_5, options('v0.5.0'));
    expect(text).toBe(`${intro}\n${sectionOf(text, 'v0.5.0')}\n`);
    const unterminated = insertRelease('# Changelog\n\nIntro.', NOTES_5, options('v0.5.0')).text;
    expect(unterminated).toBe(`# Changelog\n\nIntro.\n\n${sectionOf(unterminated, 'v0.5.0')}\n`);
    const blankAfter = insertRelease('# Changelog\n\nIntro.\n\n', NOTES_5, options('v0.5.0')).text;
    expect(blankAfter).toBe(`# Changelog\n\nIntro.\n\n${sectionOf(blankAfter, 'v0.5.0')}\n`);
  });

  it('lets marker comments win over the title and intro', () => {
    const existing = '# Changelog\n\nIntro.\n\n## Notes\n\n<!-- relnotes:start -->\n<!-- relnotes:end -->\n';
    const { text } = insertRelease(existing, NOTES_5, options('v0.5.0'));
    expect(text).toBe(
      `# Changelog\n\nIntro.\n\n## Notes\n\n<!-- relnotes:start -->\n${sectionOf(text, 'v0.5.0')}\n<!-- relnotes:end -->\n`,
    );
  });

  it('goes first between the start and end markers, leaving text around them alone', () => {
    const existing =
      '# Project\n\nIntro text.\n\n<!-- relnotes:start -->\n## v0.4.0\n\n- Old.\n<!-- relnotes:end -->\n\nFooter.\n';
    const { text, action } = insertRelease(existing, NOTES_5, options('v0.5.0'));
    expect(action).toBe('inserted');
    const section = sectionOf(text, 'v0.5.0');
    expect(text).toBe(
      `# Project\n\nIntro text.\n\n<!-- relnotes:start -->\n${section}\n\n## v0.4.0\n\n- Old.\n<!-- relnotes:end -->\n\nFooter.\n`,
    );
    const empty = insertRelease('<!-- relnotes:start -->\n<!-- relnotes:end -->\n', NOTES_5, options('v0.5.0')).text;
    expect(empty).toBe(`<!-- relnotes:start -->\n${sectionOf(empty, 'v0.5.0')}\n<!-- relnotes:end -->\n`);
  });

  it('replaces the same release on a re-run instead of adding a second section', () => {
    const first = insertRelease('# Changelog\n\n## v0.4.0\n', NOTES_5, options('v0.5.0')).text;
    const second = insertRelease(first, NOTES_5B, options('v0.5.0'));
    expect(second.action).toBe('replaced');
    expect(second.text.split('relnotes:release v0.5.0').length).toBe(2);
    expect(second.text).toContain('- Levers are longer.\n<!-- relnotes:release-end v0.5.0 -->\n\n## v0.4.0\n');
    // Same input again: the same bytes.
    expect(insertRelease(second.text, NOTES_5B, options('v0.5.0')).text).toBe(second.text);
  });

  it('puts a new release above an older one it inserted, and replaces either by name', () => {
    const five = insertRelease('# Changelog\n', NOTES_5, options('v0.5.0')).text;
    const six = insertRelease(five, NOTES_6, options('v0.6.0')).text;
    expect(six.indexOf('v0.6.0')).toBeLessThan(six.indexOf('## v0.5.0'));
    const fiveAgain = insertRelease(six, NOTES_5B, options('v0.5.0'));
    expect(fiveAgain.action).toBe('replaced');
    expect(fiveAgain.text.slice(0, fiveAgain.text.indexOf('<!-- relnotes:release v0.5.0'))).toBe(
      six.slice(0, six.indexOf('<!-- relnotes:release v0.5.0')),
    );
    expect(fiveAgain.text).toContain('Levers');
  });

  it('keeps CRLF files CRLF, and byte for byte outside the section', () => {
    const existing = '# Changelog\r\n\r\n## v0.4.0\r\n\r\n- Old.\r\n';
    const { text } = insertRelease(existing, NOTES_5, options('v0.5.0'));
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text.startsWith('# Changelog\r\n\r\n<!-- relnotes:release v0.5.0 ')).toBe(true);
    expect(text.endsWith('-->\r\n\r\n## v0.4.0\r\n\r\n- Old.\r\n')).toBe(true);
    const again = insertRelease(text, NOTES_5B, options('v0.5.0'));
    expect(again.action).toBe('replaced');
    expect(again.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(again.text.endsWith('-->\r\n\r\n## v0.4.0\r\n\r\n- Old.\r\n')).toBe(true);
  });

  it('replaces a section at the very end of a file without a final newline, adding none', () => {
    const created = insertRelease(null, NOTES_5, options('v0.5.0')).text.replace(/\n$/, '');
    const replaced = insertRelease(`Intro.\n\n${created}`, NOTES_5B, options('v0.5.0'));
    expect(replaced.text.startsWith('Intro.\n\n<!-- relnotes:release v0.5.0')).toBe(true);
    expect(replaced.text.endsWith('<!-- relnotes:release-end v0.5.0 -->')).toBe(true);
  });

  it('refuses to replace a section edited by hand, naming file and line', () => {
    const first = insertRelease('# Changelog\n', NOTES_5, options('v0.5.0')).text;
    const edited = first.replace('Gears spin faster.', 'Gears spin faster (hand-edited).');
    const error = thrown(() => insertRelease(edited, NOTES_5B, options('v0.5.0')));
    expect(error.message).toBe(
      'CHANGELOG.md:3:1: the section of v0.5.0 was edited by hand since relnotes wrote it; not replacing it',
    );
    expect([error.file, error.line, error.column]).toEqual(['CHANGELOG.md', 3, 1]);
    expect(error.hint).toContain('delete "sha256:');
    // Without the hash, the user has said: replace it.
    const unlocked = edited.replace(/ sha256:[0-9a-f]+/, '');
    const replaced = insertRelease(unlocked, NOTES_5B, options('v0.5.0'));
    expect(replaced.action).toBe('replaced');
    expect(replaced.text).not.toContain('hand-edited');
  });

  it('accepts a changed end of line inside the section as no hand edit', () => {
    const first = insertRelease('# Changelog\n', NOTES_5, options('v0.5.0')).text;
    expect(insertRelease(first.replace(/\n/g, '\r\n'), NOTES_5B, options('v0.5.0')).action).toBe('replaced');
  });

  it('reports broken markers instead of guessing', () => {
    const noEnd = '# C\n\n<!-- relnotes:release v0.5.0 -->\n- x\n';
    expect(thrown(() => insertRelease(noEnd, NOTES_5, options('v0.5.0'))).message).toBe(
      'CHANGELOG.md:3:1: the section of v0.5.0 has no end marker "<!-- relnotes:release-end v0.5.0 -->"',
    );
    const twice = `${insertRelease(null, NOTES_5, options('v0.5.0')).text}\n${insertRelease(null, NOTES_5, options('v0.5.0')).text}`;
    expect(thrown(() => insertRelease(twice, NOTES_5, options('v0.5.0'))).message).toBe(
      'CHANGELOG.md:7:1: a second section for v0.5.0',
    );
    expect(thrown(() => insertRelease('<!-- relnotes:start -->\nx\n', NOTES_5, options('v0.5.0'))).message).toBe(
      'CHANGELOG.md:1:1: "<!-- relnotes:start -->" has no "<!-- relnotes:end -->" after it',
    );
  });

  it('does not take another release, or a prefix of the version, for this one', () => {
    const existing = insertRelease('# C\n', NOTES_5, options('v0.5.0')).text;
    const { action, text } = insertRelease(existing, NOTES_5, options('v0.5.0-rc.1'));
    expect(action).toBe('inserted');
    expect(text).toContain('<!-- relnotes:release-end v0.5.0 -->');
    expect(text).toContain('<!-- relnotes:release-end v0.5.0-rc.1 -->');
  });

  it('rejects a version that cannot sit in a marker', () => {
    for (const bad of ['', 'v1 2', 'v1--x', 'v1>']) {
      expect(thrown(() => insertRelease(null, NOTES_5, options(bad))).code).toBe('E_USAGE');
    }
  });
});
