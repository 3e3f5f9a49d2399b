// The example workflows must stay safe: these are the mistakes that let a fork's PR steal secrets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = fileURLToPath(new URL('../../../../examples/github-actions/', import.meta.url));
const FILES = readdirSync(DIR).filter((file) => file.endsWith('.yml'));
const CLI_VERSION = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }
).version;

interface Step {
  run?: string;
  env?: Record<string, string>;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

/** A GitHub Actions expression, `${{ … }}`, written without a template-string look-alike. */
const expression = (inner: string) => `$${'{{'} ${inner} }}`;
const load = (file: string) => parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('examples/github-actions', () => {
  it('holds the three workflows', () => {
    expect(FILES.sort()).toEqual(['check-release-note.yml', 'draft-release-notes.yml', 'publish-release-notes.yml']);
  });

  it.each(FILES)('%s never uses pull_request_target and never expands an expression inside a script', (file) => {
    const workflow = load(file);
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
    for (const step of steps(workflow)) {
      // Any `${{ }}` in `run:` is pasted into the shell script; values go through `env:` instead.
      if (step.run !== undefined) expect(step.run).not.toContain(expression('').slice(0, 3));
    }
  });

  it.each(FILES)('%s runs relnotes through npx at the exact version of @relnotes/cli, never unpinned', (file) => {
    const runs = steps(load(file)).flatMap((step) => (step.run === undefined ? [] : [step.run]));
    const calls = runs.flatMap((run) => run.split('\n')).filter((line) => line.includes('npx'));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const words = call.trim().split(/\s+/);
      const spec = words[words.indexOf('--package') + 1];
      expect(words, call).toContain('--package');
      // A range, a tag or a bare name would let a later (or hijacked) release run with the job's token.
      expect(spec, call).toBe(`@relnotes/cli@${CLI_VERSION}`);
    }
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('checks PRs on pull_request with no permissions, no secrets, no checkout; the body comes via env', () => {
    const workflow = load('check-release-note.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({});
    const all = steps(workflow);
    expect(all.some((step) => step.uses?.startsWith('actions/checkout'))).toBe(false);
    expect(JSON.stringify(workflow)).not.toContain('secrets.');
    const check = all.find((step) => step.run?.includes('relnotes check'));
    expect(check?.env?.PR_BODY).toBe(expression('github.event.pull_request.body'));
    expect(check?.run).toContain('"$PR_BODY"');
  });

  it('drafts on pushes to the default branch and publishes on tags, with contents: write only', () => {
    const draft = load('draft-release-notes.yml');
    expect(draft.on).toEqual({ push: { branches: ['main'] } });
    expect(draft.permissions).toEqual({ contents: 'write' });
    const publish = load('publish-release-notes.yml');
    expect(publish.on).toEqual({ push: { tags: ['v*'] } });
    expect(publish.permissions).toEqual({ contents: 'write' });
    for (const workflow of [draft, publish]) {
      const generate = steps(workflow).find((step) => step.run?.includes('relnotes generate'));
      expect(generate?.run).toContain('--github-release draft');
      expect(generate?.env?.GITHUB_TOKEN).toBe(expression('secrets.GITHUB_TOKEN'));
      const checkout = steps(workflow).find((step) => step.uses?.startsWith('actions/checkout'));
      expect(checkout?.with?.['fetch-depth']).toBe(0);
    }
  });
});
