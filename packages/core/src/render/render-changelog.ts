import type { ReleaseNote } from '../model.js';
import { createRenderContext, type RenderContextOptions } from './context.js';
import type { Template } from './types.js';

/** Groups the notes into a render context and runs the template over it. */
export function renderChangelog(
  notes: readonly ReleaseNote[],
  template: Template,
  options: Readonly<RenderContextOptions> = {},
): string {
  return template(createRenderContext(notes, options));
}
