import { describe, expect, it } from 'vitest';
import { runCheck } from './commands/check.js';
import { runExplain } from './commands/explain.js';
import { runGenerate } from './commands/generate.js';
import { runRender } from './commands/render.js';
import { runTemplates } from './commands/templates.js';
import { runMaps } from './maps/run-maps.js';
import { runCli } from './test-helpers/run-cli.js';

const commands = {
  generate: runGenerate,
  render: runRender,
  explain: runExplain,
  check: runCheck,
  maps: runMaps,
  templates: runTemplates,
};

describe('the command list of `relnotes --help`', () => {
  it("lists every command with its module's own summary (the modules load lazily)", async () => {
    const { stdout } = await runCli(['--help']);
    const listed = stdout
      .split('\n')
      .filter((line) => /^ {2}[a-z]+ {2,}/.test(line))
      .map((line) => line.trim().split(/ {2,}/));
    expect(Object.fromEntries(listed)).toEqual(
      Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, command.summary])),
    );
  });

  it('prints the help of the new commands', async () => {
    expect((await runCli(['help', 'render'])).stdout).toContain('Usage: relnotes render --context FILE');
    expect((await runCli(['explain', '--help'])).stdout).toContain('Usage: relnotes explain PR');
    expect((await runCli(['generate', '--help'])).stdout).toContain('--save-context FILE');
  });
});
