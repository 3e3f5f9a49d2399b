import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import {
  createFeatureIndex,
  type Diagnostic,
  type Feature,
  type FeatureIndex,
  kepToFeature,
  parseFeaturesYaml,
  parseKepYaml,
  RelnotesError,
} from '@relnotes/core';

export interface LoadFeatureIndexOptions {
  /** An enhancements checkout, or its `keps/` folder: every `NNNN-*\/kep.yaml` below it is read. */
  kepsDir?: string;
  /** A features.yaml, for projects without KEPs. */
  featuresFile?: string;
  /** The working folder: a features file inside it is named relative to it (in diagnostics and provenance). */
  cwd?: string;
}

const KEP_FOLDER = /^\d{1,6}-/;
const SKIPPED = new Set(['.git', 'node_modules']);
const BATCH = 64;

function ioError(file: string, error: unknown, what: string): RelnotesError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file or folder' : code === 'ENOTDIR' ? 'not a folder' : String(code ?? error);
  return new RelnotesError('E_IO', `cannot read ${what} ${file}: ${reason}`, { file }, { cause: error });
}

/** Paths of `kep.yaml` files that sit in a numbered KEP folder. */
async function findKepFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw ioError(dir, error, 'the KEP folder');
    }
    const numbered = KEP_FOLDER.test(dir.slice(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1));
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) pending.push(join(dir, entry.name));
      else if (entry.isFile() && entry.name === 'kep.yaml' && numbered) found.push(join(dir, entry.name));
    }
  }
  return found.sort();
}

/** Reads KEPs and/or a features.yaml into one index. Unreadable inputs throw; bad content is diagnostics. */
export async function loadFeatureIndex(options: Readonly<LoadFeatureIndexOptions>): Promise<FeatureIndex> {
  const features: Feature[] = [];
  const diagnostics: Diagnostic[] = [];
  if (options.kepsDir !== undefined) {
    const files = await findKepFiles(options.kepsDir);
    if (files.length === 0) {
      throw new RelnotesError('E_INPUT', `no KEPs found under ${options.kepsDir}`, {
        file: options.kepsDir,
        hint: 'Point --keps at a kubernetes/enhancements checkout (it holds keps/sig-*/NNNN-name/kep.yaml).',
      });
    }
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH);
      const sources = await Promise.all(
        batch.map((file) =>
          readFile(file, 'utf8').catch((error: unknown) => Promise.reject(ioError(file, error, 'KEP'))),
        ),
      );
      batch.forEach((file, k) => {
        const parsed = parseKepYaml(sources[k] ?? '', file);
        diagnostics.push(...parsed.diagnostics);
        if (parsed.kep) features.push(kepToFeature(parsed.kep, file));
      });
    }
  }
  if (options.featuresFile !== undefined) {
    let source: string;
    try {
      source = await readFile(options.featuresFile, 'utf8');
    } catch (error) {
      throw ioError(options.featuresFile, error, 'the features file');
    }
    const parsed = parseFeaturesYaml(source, displayPath(options.featuresFile, options.cwd));
    features.push(...parsed.features);
    diagnostics.push(...parsed.diagnostics);
  }
  return createFeatureIndex(features, diagnostics);
}

/** `features.yaml` rather than `/home/…/project/features.yaml`: provenance ends up in published JSON. */
function displayPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const inside = relative(cwd, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}
