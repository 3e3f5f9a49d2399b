// Helpers of the kubernetes-with-areas pack. relnotes reads one export, `helpers`: helper name → function.
// A helper gets the template's arguments, then Handlebars' options object (`options.hash` for key=value).
// Label text in the context (areas, kinds, SIG names) is Markdown-safe already: print it as it is.

export const helpers = {
  /** `area: a`, or `areas: a, b and c`, for the note's areas (a list of strings). */
  'area-list'(areas) {
    if (!Array.isArray(areas) || areas.some((area) => typeof area !== 'string')) {
      throw new TypeError(`expects a list of area names, got ${JSON.stringify(areas)}`);
    }
    if (areas.length <= 1) return `area: ${areas.join('')}`;
    return `areas: ${areas.slice(0, -1).join(', ')} and ${areas[areas.length - 1]}`;
  },
};
