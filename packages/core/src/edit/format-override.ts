import { stringify } from 'yaml';
import type { ReleaseNote } from '../model.js';

/**
 * A starter override file for a note: every field present with its current value, as Kubernetes'
 * `maps/pr-N-map.yaml` files look, plus relnotes' stage fields. Editing one line changes one field.
 */
export function formatOverride(note: Readonly<ReleaseNote>): string {
  const releasenote = {
    text: note.text,
    author: note.author.login,
    documentation: note.docs.map((doc) => ({ description: doc.description, url: doc.url, type: doc.type })),
    kinds: [...note.kinds],
    sigs: [...note.sigs],
    areas: [...note.areas],
    feature: note.kinds.includes('feature'),
    action_required: note.actionRequired,
    do_not_publish: note.doNotPublish,
    stage: note.stage,
    stage_change: note.stageChange,
    highlight: note.highlight,
  };
  const value = {
    pr: note.pr,
    ...(note.commit === null ? {} : { commit: note.commit }),
    releasenote,
    ...(Object.keys(note.dataFields).length === 0 ? {} : { datafields: note.dataFields }),
  };
  // lineWidth 0: never fold a note's lines, so that the file diffs cleanly against the PR body.
  return stringify(value, { lineWidth: 0, blockQuote: 'literal', nullStr: 'null' });
}
