// Test support: every regular expression written in the project's TypeScript sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface RegexScan {
  regexes: FoundRegex[];
  /** `new RegExp(x)` / `RegExp(x)` whose pattern is not a literal: cannot be checked statically. */
  dynamic: { file: string; line: number }[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '__fixtures__']);

function listTsFiles(dir: string, skipTests: boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const isTest = entry.name.endsWith('.test.ts') || entry.name === 'test-helpers';
    if (skipTests && isTest) continue;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...listTsFiles(path, skipTests));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function literalText(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

/**
 * Parses each file with the TypeScript compiler and collects regex literals and `RegExp` constructions.
 * With `skipTests`, test files and test helpers (which never see untrusted input) are left out.
 */
export function collectRegexes(
  root: string,
  dirs: readonly string[],
  options: Readonly<{ skipTests?: boolean }> = {},
): RegexScan {
  const scan: RegexScan = { regexes: [], dynamic: [] };
  for (const file of dirs.flatMap((dir) => listTsFiles(join(root, dir), options.skipTests === true))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const name = relative(root, file);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        scan.regexes.push({
          file: name,
          line: lineOf(node),
          source: text.slice(1, slash),
          flags: text.slice(slash + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const pattern = literalText(node.arguments?.[0]);
        const flags = node.arguments?.[1] === undefined ? '' : literalText(node.arguments[1]);
        if (pattern === null || flags === null) scan.dynamic.push({ file: name, line: lineOf(node) });
        else scan.regexes.push({ file: name, line: lineOf(node), source: pattern, flags });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return scan;
}
