// Helpers of the kubernetes-with-areas pack. relnotes reads one export, `helpers`: helper name → function.
// A helper gets the template's arguments, then Handlebars' options object (`options.hash` for key=value).

/** Backslash-escapes what would end or start emphasis or a link: area names come from labels. */
function escapeEmphasis(text) {
  return text.replace(/[\\`*_[\]<>]/g, (char) => `\\${char}`);
}

export const helpers = {
  /** `area: a`, or `areas: a, b and c`, for the note's areas (a list of strings). */
  'area-list'(areas) {
    if (!Array.isArray(areas) || areas.some((area) => typeof area !== 'string')) {
      throw new TypeError(`expects a list of area names, got ${JSON.stringify(areas)}`);
    }
    const names = areas.map(escapeEmphasis);
    if (names.length <= 1) return `area: ${names.join('')}`;
    return `areas: ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  },
};
