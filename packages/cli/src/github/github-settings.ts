import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { workTreeRoot } from '@relnotes/git';
import { defaultCacheDir } from '@relnotes/github';
import type { Io } from '../io.js';
import { usageError } from '../usage-error.js';

/** The options `generate` takes for GitHub; merged into its own option specs. */
export const GITHUB_OPTIONS = {
  github: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'repo-path': { type: 'string' },
  base: { type: 'string' },
  'token-file': { type: 'string' },
  'api-url': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  record: { type: 'string' },
  replay: { type: 'string' },
  'allow-missing': { type: 'boolean' },
  'github-release': { type: 'string' },
} as const;

export type GitHubOptionValues = {
  [K in keyof typeof GITHUB_OPTIONS]?: (typeof GITHUB_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/** Everything the GitHub part of `generate` needs, resolved against the working directory and env. */
export interface GitHubSettings {
  repository: string;
  /** Never printed; removed from any error text. */
  token: string | undefined;
  apiUrl: string | undefined;
  cacheDir: string | null;
  record: string | undefined;
  replay: string | undefined;
  allowMissing: boolean;
  from: string | undefined;
  to: string;
  repoPath: string | undefined;
  base: string | undefined;
  waitScale: number | undefined;
}

/** Reads the token: `--token-file`, else GITHUB_TOKEN; undefined when there is none. */
export async function readToken(tokenFile: string | undefined, io: Io): Promise<string | undefined> {
  if (tokenFile === undefined) {
    const fromEnv = io.env.GITHUB_TOKEN?.trim();
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  }
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, tokenFile), 'utf8');
  } catch (error) {
    throw new RelnotesError(
      'E_IO',
      `cannot read the token file ${tokenFile}: ${(error as NodeJS.ErrnoException).code}`,
      {
        file: tokenFile,
        hint: 'Give a file that holds only the token, or set GITHUB_TOKEN instead.',
      },
    );
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) {
    throw usageError(`the token file ${tokenFile} must hold one token and nothing else`);
  }
  return token;
}

/** `RELNOTES_WAIT_SCALE` multiplies every retry wait: a testing knob, so fault tests take milliseconds. */
export function readWaitScale(env: Io['env']): number | undefined {
  const raw = env.RELNOTES_WAIT_SCALE;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw usageError(`RELNOTES_WAIT_SCALE must be a positive number, got "${raw.slice(0, 20)}"`);
  }
  return value;
}

/** The path with symlinks resolved as far as it exists (git names the work tree that way). */
async function realPath(path: string): Promise<string> {
  const parent = dirname(path);
  try {
    return await realpath(path);
  } catch {
    return parent === path ? path : join(await realPath(parent), basename(path));
  }
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** A URL with `user:password@` can never work (fetch refuses it): a usage error, without echoing it. */
function checkApiUrl(apiUrl: string | undefined, name: string): void {
  if (apiUrl === undefined) return;
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return; // The GitHub source says what is wrong with it.
  }
  if (url.username === '' && url.password === '') return;
  throw usageError(
    `generate: ${name} must not hold credentials (${url.protocol}//…@${url.host}); pass the token as GITHUB_TOKEN or with --token-file`,
  );
}

export async function resolveGitHubSettings(
  repository: string,
  values: Readonly<GitHubOptionValues>,
  io: Io,
): Promise<GitHubSettings> {
  if (values.to === undefined) {
    throw usageError(
      'generate: --github needs --to REF (the end of the release range)',
      'Try: relnotes generate --github owner/repo --from v1.0.0 --to v1.1.0',
    );
  }
  if (values.record !== undefined && values.replay !== undefined) {
    throw usageError('generate: --record and --replay cannot be used together', 'Record once, then replay.');
  }
  const repoPath = values['repo-path'] === undefined ? undefined : resolve(io.cwd, values['repo-path']);
  // Not a clone is an error now, before any request; the clone is its whole working tree, not the folder named.
  const workTree = repoPath === undefined ? null : await workTreeRoot(repoPath);
  let cacheDir: string | null = null;
  if (values['no-cache'] !== true) {
    cacheDir = values['cache-dir'] === undefined ? defaultCacheDir(io.env) : resolve(io.cwd, values['cache-dir']);
    if (workTree !== null && (isInside(cacheDir, workTree) || isInside(await realPath(cacheDir), workTree))) {
      throw usageError(
        `generate: the cache folder ${cacheDir} is inside the clone ${workTree}`,
        'The cache never goes in a working tree: pick a folder outside it (the default is ~/.cache/relnotes).',
      );
    }
  }
  const apiUrl = values['api-url'] ?? (io.env.GITHUB_API_URL || undefined);
  checkApiUrl(apiUrl, values['api-url'] === undefined ? 'GITHUB_API_URL' : '--api-url');
  return {
    repository,
    token: await readToken(values['token-file'], io),
    apiUrl,
    cacheDir,
    record: values.record === undefined ? undefined : resolve(io.cwd, values.record),
    replay: values.replay === undefined ? undefined : resolve(io.cwd, values.replay),
    allowMissing: values['allow-missing'] === true,
    from: values.from,
    to: values.to,
    repoPath,
    base: values.base,
    waitScale: readWaitScale(io.env),
  };
}

/** Rebuilds an error without the token in its message or hint (GitHub errors already omit it; others may not). */
export function scrubError(error: unknown, token: string | undefined): unknown {
  if (token === undefined || token === '') return error;
  const clean = (text: string) => text.split(token).join('[REDACTED]');
  if (error instanceof RelnotesError) {
    if (!error.message.includes(token) && !(error.hint ?? '').includes(token)) return error;
    return new RelnotesError(error.code, clean(error.message), {
      ...(error.file === undefined ? {} : { file: clean(error.file) }),
      ...(error.hint === undefined ? {} : { hint: clean(error.hint) }),
    });
  }
  if (error instanceof Error && error.message.includes(token)) return new Error(clean(error.message));
  return error;
}
