// Types of pathological-cases.mjs, for the tests that import it.
export interface PathologicalBody {
  name: string;
  body: string;
}

export interface PathologicalNote {
  name: string;
  text: string;
}

/** PR bodies: a release-note block with a pathological note, or a pathological body around a good block. */
export function pathologicalBodies(): PathologicalBody[];

/** Note texts as an override file or krel JSON could hold them (no PR body limit applies). */
export function pathologicalNotes(): PathologicalNote[];
