import { access, readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClassificationRules,
  DEFAULT_RULES,
  excerpt,
  FEATURE_STAGES,
  parseJsonText,
  RelnotesError,
} from '@relnotes/core';
import { listBuiltinPacks } from '@relnotes/templates';
import { LineCounter, parseDocument } from 'yaml';

/** What a relnotes.config.(json|yaml|mjs) holds, with paths resolved against the config file's folder. */
export interface RelnotesConfig {
  file: string | null;
  repository: string | null;
  release: string | null;
  previousRelease: string | null;
  /** A built-in pack name as written (`github-release`), or a pack folder, resolved. */
  template: string | null;
  output: string | null;
  keps: string | null;
  features: string | null;
  maps: string[];
  /**
   * `true`: `@user`, `@org/team` and `#123` in notes stay as written everywhere; `false`: neutralised
   * everywhere; `null` (unset): neutralised where GitHub renders the output (draft releases, job summaries,
   * packs that say so, like `github-release`), as written elsewhere.
   */
  mentions: boolean | null;
  rules: ClassificationRules;
}

export const CONFIG_FILE_NAMES = [
  'relnotes.config.json',
  'relnotes.config.yaml',
  'relnotes.config.yml',
  'relnotes.config.mjs',
] as const;

const STRING_KEYS = ['repository', 'release', 'previousRelease', 'uncategorized'] as const;
const PATH_KEYS = ['template', 'output', 'keps', 'features'] as const;
const STRING_LIST_KEYS = ['actionRequiredLabels', 'doNotPublishLabels'] as const;
/** GitHub's `owner/name`: an owner of letters, digits and `-`; a name that may also hold `.` and `_`. */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;
/** Every key a config may hold; relnotes.config.schema.json describes the same keys (a test keeps them in step). */
export const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([
  '$schema',
  ...STRING_KEYS,
  ...PATH_KEYS,
  ...STRING_LIST_KEYS,
  'maps',
  'mentions',
  'labelPrefixes',
  'sections',
  'sigNames',
  'stageLabels',
]);

export function defaultConfig(): RelnotesConfig {
  return {
    file: null,
    repository: null,
    release: null,
    previousRelease: null,
    template: null,
    output: null,
    keps: null,
    features: null,
    maps: [],
    mentions: null,
    rules: DEFAULT_RULES,
  };
}

/** Reads and validates a config file. Every problem names the file, the key and what was expected. */
export async function loadConfig(file: string): Promise<RelnotesConfig> {
  if (extname(file).toLowerCase() === '.mjs')
    return validateConfig({ data: await importConfig(file), locate: () => ({}) }, file);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadableConfig(file, error);
  }
  const raw = parseConfigSource(source, file);
  return validateConfig(raw, file);
}

function parseConfigSource(source: string, file: string): { data: unknown; locate: (path: string[]) => Location } {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    try {
      return { data: parseJsonText(source, file), locate: () => ({}) };
    } catch (error) {
      if (!(error instanceof RelnotesError)) throw error;
      const { line, column } = error;
      const place = line === undefined ? file : `${file}:${line}:${column ?? 1}`;
      throw new RelnotesError('E_CONFIG', `${place}: ${error.message}`, {
        file,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      });
    }
  }
  if (ext === '.yaml' || ext === '.yml') {
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { lineCounter, prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      throw new RelnotesError(
        'E_CONFIG',
        `${file}:${pos.line}:${pos.col}: not valid YAML (${first.message.split('\n')[0]})`,
        {
          file,
          line: pos.line,
          column: pos.col,
        },
      );
    }
    const locate = (path: string[]): Location => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      if (!node?.range) return {};
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    };
    return { data: doc.toJS(), locate };
  }
  throw new RelnotesError('E_CONFIG', `${file}: unsupported config file type "${ext}"`, {
    file,
    hint: 'Use relnotes.config.json, relnotes.config.yaml or relnotes.config.mjs.',
  });
}

/** A relnotes.config.mjs: its default export, an object or a function (maybe async) that returns one. */
async function importConfig(file: string): Promise<unknown> {
  try {
    await access(file);
  } catch (error) {
    throw unreadableConfig(file, error);
  }
  const url = pathToFileURL(resolve(file)).href;
  let module: { default?: unknown };
  try {
    module = (await import(url)) as { default?: unknown };
  } catch (error) {
    throw moduleError(file, url, 'cannot be loaded', error);
  }
  if (module.default === undefined) {
    throw new RelnotesError('E_CONFIG', `${file}: has no default export`, {
      file,
      hint: 'Write: export default { repository: "owner/repo" }, or export default () => ({ … }).',
    });
  }
  if (typeof module.default !== 'function') return module.default;
  try {
    return await (module.default as () => unknown)();
  } catch (error) {
    throw moduleError(file, url, 'the exported config function threw', error);
  }
}

/** Names the config file, and the line and column when the stack points into it. */
function moduleError(file: string, url: string, what: string, error: unknown): RelnotesError {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  // Node names the module by URL; a test runner that loads modules itself may name it by path.
  const path = resolve(file);
  const byUrl = stack.indexOf(`${url}:`);
  const at = byUrl !== -1 ? byUrl + url.length + 1 : stack.indexOf(`${path}:`) + path.length + 1;
  const place = at === path.length ? null : /^(\d+)(?::(\d+))?/.exec(stack.slice(at));
  const line = place ? Number(place[1]) : undefined;
  const column = place?.[2] === undefined ? undefined : Number(place[2]);
  const where = line === undefined ? file : `${file}:${line}${column === undefined ? '' : `:${column}`}`;
  return new RelnotesError(
    'E_CONFIG',
    `${where}: ${what}: ${message}`,
    {
      file,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
      // Node 20 does not say where a syntax error of a module is; node --check does.
      ...((error as Error | null)?.name === 'SyntaxError' && line === undefined
        ? { hint: `Run \`node --check ${file}\` to see where.` }
        : {}),
    },
    { cause: error },
  );
}

interface Location {
  line?: number;
  column?: number;
}

function validateConfig(parsed: { data: unknown; locate: (path: string[]) => Location }, file: string): RelnotesConfig {
  const { data, locate } = parsed;
  const fail = (path: string[], expected: string, got: unknown): never => {
    const where = locate(path);
    const prefix = where.line ? `${file}:${where.line}:${where.column}` : file;
    throw new RelnotesError('E_CONFIG', `${prefix}: "${path.join('.')}" must be ${expected}, got ${describe(got)}`, {
      file,
      ...where,
    });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail([], 'an object', data);
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) {
      fail([key], `one of the known keys (${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`, key);
    }
  }
  const string = (key: string): string | null => {
    const value = record[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.trim() === '') return fail([key], 'a non-empty string', value);
    return value;
  };
  const stringList = (path: string[], value: unknown): string[] => {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      return fail(path, 'a list of strings', value);
    }
    return value as string[];
  };
  const stringMap = (key: string): Record<string, string> | null => {
    const value = record[key];
    if (value === undefined) return null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail([key], 'a map', value);
    const out: Record<string, string> = Object.create(null);
    for (const [name, item] of Object.entries(value)) {
      if (typeof item !== 'string') fail([key, name], 'a string', item);
      out[name] = item as string;
    }
    return out;
  };
  const boolean = (key: string): boolean | null => {
    const value = record[key];
    if (value === undefined || value === null) return null;
    return typeof value === 'boolean' ? value : fail([key], 'true or false', value);
  };
  const base = dirname(resolve(file));
  const path = (key: string): string | null => {
    const value = string(key);
    return value === null ? null : resolve(base, value);
  };
  // A bare built-in name selects that pack; anything else (`./pack`, `packs/mine`, `mine`) is a folder.
  const template = (): string | null => {
    const value = string('template');
    if (value === null) return null;
    const isPath = value.includes('/') || value.includes('\\') || value.startsWith('.');
    return !isPath && listBuiltinPacks().includes(value) ? value : resolve(base, value);
  };
  const repository = (): string | null => {
    const value = string('repository');
    if (value !== null && !REPOSITORY.test(value)) {
      fail(['repository'], 'owner/name, e.g. "kubernetes/kubernetes"', value);
    }
    return value;
  };

  const rules: ClassificationRules = { ...DEFAULT_RULES };
  const uncategorized = string('uncategorized');
  if (uncategorized !== null) rules.uncategorized = uncategorized;
  for (const key of STRING_LIST_KEYS) {
    if (record[key] !== undefined) rules[key] = stringList([key], record[key]);
  }
  if (record.labelPrefixes !== undefined) {
    const prefixes = stringMap('labelPrefixes') ?? {};
    for (const name of Object.keys(prefixes)) {
      if (!['kind', 'sig', 'area'].includes(name)) fail(['labelPrefixes', name], 'one of kind, sig, area', name);
    }
    rules.labelPrefixes = { ...rules.labelPrefixes, ...prefixes };
  }
  if (record.sections !== undefined) {
    if (!Array.isArray(record.sections)) fail(['sections'], 'a list of {title, kinds}', record.sections);
    rules.sections = (record.sections as unknown[]).map((section, i) => {
      const item = section as Record<string, unknown> | null;
      if (typeof item !== 'object' || item === null || typeof item.title !== 'string') {
        return fail(['sections', String(i)], 'an object with a "title" string and a "kinds" list', section);
      }
      return { title: item.title, kinds: stringList(['sections', String(i), 'kinds'], item.kinds) };
    });
  }
  const sigNames = stringMap('sigNames');
  if (sigNames) rules.sigNames = { ...rules.sigNames, ...sigNames };
  const stageLabels = stringMap('stageLabels');
  if (stageLabels) {
    for (const [label, stage] of Object.entries(stageLabels)) {
      if (!(FEATURE_STAGES as readonly string[]).includes(stage)) {
        fail(['stageLabels', label], `one of ${FEATURE_STAGES.join(', ')}`, stage);
      }
    }
    rules.stageLabels = stageLabels as ClassificationRules['stageLabels'];
  }
  const maps =
    record.maps === undefined
      ? []
      : typeof record.maps === 'string'
        ? [record.maps]
        : stringList(['maps'], record.maps);
  return {
    file,
    maps: maps.map((dir) => resolve(base, dir)),
    repository: repository(),
    release: string('release'),
    previousRelease: string('previousRelease'),
    template: template(),
    output: path('output'),
    keps: path('keps'),
    features: path('features'),
    mentions: boolean('mentions'),
    rules,
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${excerpt(value, 40)}"`;
  return excerpt(JSON.stringify(value) ?? String(value), 40);
}

/** A config file that cannot be read is a usage error (exit 2), like any file named on the command line. */
function unreadableConfig(file: string, error: unknown): RelnotesError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code);
  return new RelnotesError('E_IO', `cannot read config file ${file}: ${reason}`, {
    file,
    hint: 'Check the --config path, or leave --config out to use ./relnotes.config.(json|yaml|mjs).',
  });
}
