import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractNote } from './extract-note.js';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const block = (content: string, tag = 'release-note'): string => `Intro.\n\n\`\`\`${tag}\n${content}\n\`\`\`\n`;
const ruleIds = (body: string): string[] => extractNote(body).diagnostics.map((d) => d.ruleId);

describe('extractNote: finding the block', () => {
  it('reads the note of a filled-in Kubernetes PR template, and its docs block', () => {
    const result = extractNote(fixture('k8s-template-filled.md'), { pr: 42 });
    expect(result.status).toBe('note');
    expect(result.text).toBe('The frobnicator now retries `Widget` updates up to 3 times before giving up.');
    expect(result.actionRequired).toBe(false);
    expect(result.docs).toEqual([
      { url: 'https://github.com/kubernetes/enhancements/issues/9001', description: 'KEP', type: 'KEP' },
      { url: 'https://kubernetes.io/docs/concepts/widgets/frobnicator/', description: 'Usage', type: 'official' },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports an untouched template (empty block, placeholder docs) as empty with no docs', () => {
    const result = extractNote(fixture('k8s-template-untouched.md'), { pr: 7 });
    expect(result.status).toBe('empty');
    expect(result.text).toBeNull();
    expect(result.docs).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'empty-block', severity: 'warning', pr: 7, position: { line: 11, column: 1 } }),
    ]);
  });

  it('differs from krel: never takes a bare ``` or ```go sample as the note (status missing)', () => {
    const result = extractNote(fixture('code-samples-only.md'));
    expect(result.status).toBe('missing');
    expect(result.text).toBeNull();
    expect(result.docs).toEqual([]);
    expect(ruleIds(fixture('code-samples-only.md'))).toEqual(['missing-block']);
  });

  it('treats a block left inside the template HTML comment as template text, not a note (hidden on GitHub)', () => {
    const result = extractNote(fixture('commented-out-block.md'), { pr: 5 });
    expect(result.status).toBe('missing');
    expect(result.text).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'commented-out-block', pr: 5, position: { line: 3, column: 1 } }),
    ]);
  });

  it('never takes the template prose of a comment before the block as the note', () => {
    const result = extractNote(fixture('template-prose-around.md'));
    expect(result.status).toBe('none');
    expect(result.noneMarker).toBe('NONE');
  });

  it('differs from krel and prow: accepts a mixed-case tag with trailing spaces on a ~~~ fence', () => {
    const result = extractNote(fixture('tilde-fence.md'));
    expect(result.status).toBe('note');
    expect(result.text).toBe('Sprockets are now cached for 5 minutes.');
  });

  it.each(['release-note', 'release-notes', 'RELEASE-NOTE', 'Release-Note  '])('accepts the tag %j', (tag) => {
    expect(extractNote(block('Made the gizmo faster.', tag)).text).toBe('Made the gizmo faster.');
  });

  it.each(['release-note-none', 'releasenote', 'docs', 'text', ''])('does not take a block tagged %j', (tag) => {
    expect(extractNote(block('Made the gizmo faster.', tag)).status).toBe('missing');
  });

  it('reads a body a Windows browser sent with CRLF endings (fixture kept CRLF by .gitattributes)', () => {
    const body = fixture('crlf-windows-body.md');
    expect(body).toContain('\r\n');
    const result = extractNote(body, { pr: 31 });
    expect(result.status).toBe('note');
    expect(result.actionRequired).toBe(true);
    expect(result.text).toBe('Gaskets are now lubricated on idle;\nset `--lubricate=false` to keep the old behaviour.');
    expect(result.docs).toEqual([{ url: 'https://example.org/docs/gaskets', description: 'Usage', type: 'external' }]);
    expect(result).toEqual(extractNote(body.replace(/\r\n/g, '\n'), { pr: 31 }));
  });

  it('gives identical results for CRLF and LF bodies', () => {
    const lf = fixture('k8s-template-filled.md').replace(/\r\n/g, '\n');
    expect(extractNote(lf.replace(/\n/g, '\r\n'))).toEqual(extractNote(lf));
  });

  it('finds a fence indented under a list item', () => {
    const result = extractNote('- Release note:\n  ```release-note\n  Gizmos can be resized.\n  ```\n');
    expect(result.text).toBe('Gizmos can be resized.');
  });

  it('keeps a nested fence inside a longer outer fence', () => {
    const result = extractNote(fixture('nested-fence.md'));
    expect(result.text).toBe('The widget config now accepts a `retries` field:\n\n```yaml\nretries: 3\n```');
  });

  it('strips an HTML comment the template left inside the block', () => {
    const result = extractNote(block('<!-- Write NONE if not user-facing -->\nThe sprocket cache is now bounded.'));
    expect(result.text).toBe('The sprocket cache is now bounded.');
  });

  it("keeps the HTML comments of the note's own code (a fenced block, a code span), strips the template's", () => {
    const note = 'Set this in `index.html`:\n\n```html\n<!-- keep the comment -->\n<meta name="x">\n```';
    const body = `\`\`\`\`release-note\n<!-- Describe the change -->\n${note}\n\`\`\`\`\n`;
    expect(extractNote(body).text).toBe(note);
    const span = '````release-note\nWrite `<!-- x -->` <!-- hint --> here.\n````\n';
    expect(extractNote(span).text).toBe('Write `<!-- x -->`  here.');
  });
});

describe('extractNote: NONE, empty and missing', () => {
  it.each(['NONE', 'None.', '"NONE"', 'N/A', 'no', 'none', 'NA', '`NONE`', "'none'", 'n/a', '**NONE**', 'None!'])(
    'reads %j as none, keeping the marker as written',
    (marker) => {
      const result = extractNote(block(marker));
      expect(result.status).toBe('none');
      expect(result.noneMarker).toBe(marker);
      expect(result.text).toBeNull();
      expect(result.diagnostics).toEqual([]);
    },
  );

  it('reads "NONE - test-only change" as none with the marker NONE', () => {
    const result = extractNote(block('NONE - test-only change'));
    expect(result).toMatchObject({ status: 'none', noneMarker: 'NONE' });
  });

  it('keeps a note that merely starts with the word None', () => {
    const result = extractNote(block('None of the gadget pods restart on upgrade anymore.'));
    expect(result.status).toBe('note');
  });

  it.each(['', '   ', '\n\n  \t\n'])('reads a blank block %j as empty', (content) => {
    expect(extractNote(block(content)).status).toBe('empty');
  });

  it('leaves pr off diagnostics when no pr is given', () => {
    expect(extractNote(block('')).diagnostics[0]).not.toHaveProperty('pr');
    expect(extractNote(block(''), { pr: 12 }).diagnostics[0]).toHaveProperty('pr', 12);
  });

  it('reads a body without a block, or an empty body, as missing', () => {
    expect(extractNote('Just a description.').status).toBe('missing');
    expect(extractNote('').status).toBe('missing');
    expect(extractNote('').diagnostics[0]?.message).toContain('expected a ```release-note');
  });
});

describe('extractNote: several blocks', () => {
  it('differs from krel: a later empty block never erases a good first one', () => {
    const result = extractNote(fixture('two-blocks-good-then-empty.md'), { pr: 9 });
    expect(result.text).toBe('Added the `--gizmo-limit` flag to the gizmo controller.');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'multiple-blocks', pr: 9, position: { line: 7, column: 1 } }),
    ]);
  });

  it('a later NONE block never erases a good first one', () => {
    const result = extractNote(fixture('two-blocks-good-then-none.md'));
    expect(result.status).toBe('note');
    expect(result.text).toContain('doohickey');
    expect(ruleIds(fixture('two-blocks-good-then-none.md'))).toEqual(['multiple-blocks']);
  });

  it('a real note wins over an earlier NONE block (a note is never dropped for a leftover NONE)', () => {
    const result = extractNote(fixture('two-blocks-none-then-good.md'));
    expect(result.text).toBe('The thingamajig API now rejects negative sizes.');
    expect(result.diagnostics[0]?.message).toContain('line 1 was ignored');
  });
});

describe('extractNote: action required', () => {
  it('sets actionRequired and removes the ACTION REQUIRED: prefix', () => {
    const result = extractNote(fixture('action-required.md'));
    expect(result.actionRequired).toBe(true);
    expect(result.text).toBe('The `legacyMode` field of the Whatsit config was removed; use `mode: legacy` instead.');
  });

  it.each([
    ['[action required] Renamed the gizmo flag.', 'Renamed the gizmo flag.'],
    ['[Action Required]: Renamed the gizmo flag.', 'Renamed the gizmo flag.'],
    ['Action required: Renamed the gizmo flag.', 'Renamed the gizmo flag.'],
    ['action required\n\nRenamed the gizmo flag.', 'Renamed the gizmo flag.'],
    ['**ACTION REQUIRED**: Renamed the gizmo flag.', 'Renamed the gizmo flag.'],
    ['Renamed the gizmo flag. ACTION REQUIRED: update your scripts.', 'Renamed the gizmo flag. update your scripts.'],
  ])('%j → %j', (note, expected) => {
    const result = extractNote(block(note));
    expect(result.actionRequired).toBe(true);
    expect(result.text).toBe(expected);
  });

  it('capitalises the first letter left after a leading marker, not after a marker mid-note', () => {
    expect(extractNote(block('ACTION REQUIRED: the gizmo flag is gone.')).text).toBe('The gizmo flag is gone.');
    expect(extractNote(block('Gizmo flag. [action required] rename it.')).text).toBe('Gizmo flag. rename it.');
  });

  it('differs from prow: "no action required" inside a sentence does not mark the note', () => {
    const result = extractNote(block('Gizmos upgrade in place; no action required by users.'));
    expect(result.actionRequired).toBe(false);
    expect(result.text).toBe('Gizmos upgrade in place; no action required by users.');
  });

  it('a block saying ACTION REQUIRED: NONE has no note, like NONE', () => {
    const result = extractNote(block('ACTION REQUIRED: NONE'));
    expect(result.status).toBe('none');
    expect(result.actionRequired).toBe(false);
  });

  it('a block holding only the marker is empty', () => {
    expect(extractNote(block('ACTION REQUIRED:')).status).toBe('empty');
  });
});

describe('extractNote: Markdown notes', () => {
  it('normalises a list note: - bullets, text kept as written', () => {
    const result = extractNote(fixture('list-note.md'));
    expect(result.text).toBe(
      '- Added `spec.gadget.mode` to the Gadget API.\n- Fixed foo_bar [beta] handling of *empty* values.\n  - nested detail',
    );
  });

  it('unwraps a single-item list and trims trailing whitespace', () => {
    expect(extractNote(block('* Fixed foo_bar [beta] handling.   \n  Second line.  ')).text).toBe(
      'Fixed foo_bar [beta] handling.\nSecond line.',
    );
  });
});

describe('extractNote: hostile input', () => {
  it('unclosed fence: stops before the template heading, still reads the docs, and reports it', () => {
    const result = extractNote(fixture('unclosed-fence.md'), { pr: 3 });
    expect(result.text).toBe('Deprecated the `--old-knob` flag of the whatsit server.');
    expect(result.docs).toEqual([{ url: 'https://kep.k8s.io/4242', description: 'KEP', type: 'KEP' }]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'unclosed-fence',
        severity: 'warning',
        pr: 3,
        position: { line: 2, column: 1 },
      }),
    ]);
  });

  it('an unclosed fence at the very end of the body', () => {
    const result = extractNote('```release-note\nGizmos are shinier.');
    expect(result.text).toBe('Gizmos are shinier.');
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['unclosed-fence']);
  });

  it('removes bidi controls from the note and says where the first was', () => {
    const result = extractNote('```release-note\nFixed the \u202Eevil\u202C gizmo.\n```');
    expect(result.text).toBe('Fixed the evil gizmo.');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'bidi-control', position: { line: 2, column: 11 } }),
    ]);
    expect(result.diagnostics[0]?.message).toContain('U+202E');
  });

  it('removes NUL bytes and other C0 controls, keeping tabs', () => {
    const result = extractNote('```release-note\nFixed\u0000 the\u0007 gizmo.\n```');
    expect(result.text).toBe('Fixed the gizmo.');
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'control-character', position: { line: 2, column: 6 } });
  });

  it('ignores control characters outside the note', () => {
    expect(extractNote(`Desc\u0000ription.\n\n${block('Gizmo fix.')}`).diagnostics).toEqual([]);
  });

  it('a 1 MB body: reads the block within GitHub’s 65,536-character limit and reports the cut', () => {
    const body = `${block('Gizmos scale better.')}\n${'[a]('.repeat(262_144)}`;
    const result = extractNote(body, { pr: 1 });
    expect(result.text).toBe('Gizmos scale better.');
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: 'body-too-long', pr: 1 })]);
  });

  it('a 1 MB body of nested quotes and list markers does not hang', () => {
    const result = extractNote(`${'> - '.repeat(262_144)}\n${block('x')}`);
    expect(result.status).toBe('missing');
    expect(ruleIds(`${'- '.repeat(20_000)}`)).toEqual(['missing-block']);
  });

  it('a deeply nested list note is kept as written with an info diagnostic', () => {
    const note = `${'- '.repeat(200)}deep`;
    const result = extractNote(block(note));
    expect(result.text).toBe(note);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['note-not-normalised']);
  });
});

describe('extractNote: one-line blocks', () => {
  it('reads ```release-note NONE``` on one line as none, like krel', () => {
    const result = extractNote('Cleanup only.\n\n```release-note NONE```\n');
    expect(result).toMatchObject({ status: 'none', noneMarker: 'NONE' });
  });

  it('reads a one-line note, and an empty one-line block as empty', () => {
    expect(extractNote('```Release-Note Gizmos are faster.```').text).toBe('Gizmos are faster.');
    expect(extractNote('```release-note```').status).toBe('empty');
  });

  it('does not read a one-line code span of another language', () => {
    expect(extractNote('```go x := 1```').status).toBe('missing');
  });
});
