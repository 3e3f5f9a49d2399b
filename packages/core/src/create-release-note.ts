import type { ReleaseNote } from './model.js';

/** The fields a note cannot do without; everything else defaults to empty. */
export type ReleaseNoteInit = Pick<ReleaseNote, 'pr' | 'prUrl' | 'author'> & Partial<ReleaseNote>;

/** A complete `ReleaseNote` from the fields given: no kinds, no stage, published, no provenance. */
export function createReleaseNote(init: Readonly<ReleaseNoteInit>): ReleaseNote {
  return {
    title: '',
    text: '',
    commit: null,
    mergedAt: null,
    kinds: [],
    sigs: [],
    areas: [],
    stage: null,
    stageChange: null,
    features: [],
    actionRequired: false,
    docs: [],
    highlight: false,
    doNotPublish: false,
    dataFields: {},
    provenance: {},
    ...init,
  };
}
