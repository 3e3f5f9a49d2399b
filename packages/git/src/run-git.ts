import { spawn } from 'node:child_process';
import { RelnotesError } from '@relnotes/core';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunGitOptions {
  /** Receives stdout as it arrives; when given, `stdout` of the result stays empty. */
  onStdout?: (chunk: Buffer) => void;
  /** Most bytes of stdout kept when buffering; more is an error. */
  maxBuffer?: number;
}

const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

// Flags put before every command: a user's config must not change what we parse.
const SAFE_CONFIG = ['-c', 'log.showSignature=false', '-c', 'core.quotePath=false', '--no-pager'];

/** The environment for git: stable English messages, no prompts, and no GIT_DIR leaking in from a hook. */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0' };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_COMMON_DIR;
  delete env.GIT_INDEX_FILE;
  return env;
}

/**
 * Runs git in `repoPath` without a shell. A non-zero exit is returned, not thrown, so callers can say
 * what it means; only a git that cannot start (or too much output) is an error here.
 */
export function runGit(
  repoPath: string,
  args: readonly string[],
  options: Readonly<RunGitOptions> = {},
): Promise<GitResult> {
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], {
      cwd: repoPath,
      env: gitEnvironment(),
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    let failure: Error | undefined;

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      if (options.onStdout !== undefined) {
        try {
          options.onStdout(chunk);
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          child.kill();
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxBuffer) {
        failure = new RelnotesError('E_IO', `git ${args[0] ?? ''} printed more than ${maxBuffer} bytes`);
        child.kill();
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR) return;
      stderr.push(chunk.subarray(0, MAX_STDERR - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??=
        error.code === 'ENOENT'
          ? new RelnotesError('E_IO', 'git is not installed (or not on PATH)', {
              hint: 'Install git and make sure `git --version` works.',
            })
          : new RelnotesError('E_IO', `could not run git in ${repoPath}: ${error.message}`, {}, { cause: error });
    });
    child.on('close', (code, signal) => {
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      resolve({
        exitCode: code ?? (signal === null ? 1 : 128),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** The first line of git's error output, for an error message. */
export function firstLine(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.indexOf('\n');
  return end === -1 ? trimmed : trimmed.slice(0, end);
}
