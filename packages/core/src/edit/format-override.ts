import { stringify } from 'yaml';
import type { Provenance, ReleaseNote } from '../model.js';

const GITHUB = 'https://github.com/';

/**
 * A starter override file for a note, in the layout of Kubernetes' `maps/pr-N-map.yaml`: the fields an
 * override copies from the note as it is (text, author, documentation, kinds, SIGs, areas, flags), so that
 * editing one line changes one field and the unchanged file changes nothing. The stage fields and
 * `highlight` are derived by relnotes (KEPs, features, the note's words) on every run; written as values
 * they would freeze, or wipe, that decision, so they are commented-out hints holding the current values.
 */
export function formatOverride(note: Readonly<ReleaseNote>): string {
  const defaultAuthorUrl = `${GITHUB}${note.author.login}`;
  const releasenote = {
    text: note.text,
    author: note.author.login,
    ...(note.author.url === defaultAuthorUrl ? {} : { author_url: note.author.url }),
    documentation: note.docs.map((doc) => ({ description: doc.description, url: doc.url, type: doc.type })),
    kinds: [...note.kinds],
    sigs: [...note.sigs],
    areas: [...note.areas],
    feature: note.kinds.includes('feature'),
    action_required: note.actionRequired,
    do_not_publish: note.doNotPublish,
  };
  // lineWidth 0: never fold a note's lines, so that the file diffs cleanly against the PR body.
  const options = { lineWidth: 0, blockQuote: 'literal', nullStr: 'null' } as const;
  const head = stringify(
    { pr: note.pr, ...(note.commit === null ? {} : { commit: note.commit }), releasenote },
    options,
  );
  const dataFields =
    Object.keys(note.dataFields).length === 0 ? '' : stringify({ datafields: note.dataFields }, options);
  return `${head}${stageHints(note).join('')}${dataFields}`;
}

/** `  # stage: beta  # from …` lines, inside `releasenote:`; uncommenting one overrides that field. */
function stageHints(note: Readonly<ReleaseNote>): string[] {
  const hint = (key: string, value: unknown, provenance: readonly Provenance[] | undefined) => {
    const from = provenance?.[0];
    const why = from === undefined ? '' : `  # now from ${from.source}: ${oneLine(from.detail)}`;
    return `  # ${key}: ${value === null ? 'null' : String(value)}${why}\n`;
  };
  return [
    '  # Derived by relnotes on every run, not overridden; uncomment a line to override it:\n',
    hint('stage', note.stage, note.provenance.stage),
    hint('stage_change', note.stageChange, note.provenance.stageChange),
    hint('highlight', note.highlight, note.provenance.highlight),
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
