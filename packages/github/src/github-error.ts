import { RelnotesError, type RelnotesErrorDetails } from '@relnotes/core';

/** What went wrong talking to GitHub; lets callers (and the CLI) react without parsing messages. */
export type GitHubErrorKind =
  | 'usage'
  | 'auth'
  | 'not-found'
  | 'missing-pull-requests'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'unsafe-url'
  | 'graphql'
  | 'replay-miss'
  | 'cache'
  | 'http';

export interface GitHubErrorDetails extends RelnotesErrorDetails {
  status?: number;
  /** The request, as `METHOD path`, never with credentials. */
  request?: string;
  /** For `missing-pull-requests`: the numbers GitHub does not know. */
  missing?: readonly number[];
}

/** An error from the GitHub source. Its message never contains the token. */
export class GitHubError extends RelnotesError {
  override readonly name: string = 'GitHubError';
  readonly kind: GitHubErrorKind;
  readonly status: number | undefined;
  readonly request: string | undefined;
  readonly missing: readonly number[];

  constructor(kind: GitHubErrorKind, message: string, details: Readonly<GitHubErrorDetails> = {}) {
    const { status, request, missing, ...rest } = details;
    super(kind === 'usage' ? 'E_USAGE' : 'E_IO', message, rest);
    this.kind = kind;
    this.status = status;
    this.request = request;
    this.missing = missing ?? [];
  }
}

/** Replaces every occurrence of the secret in a text; the token must never reach an error, a file or a log. */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret.length === 0) return text;
  return text.split(secret).join('[REDACTED]');
}

/** A one-line reason for any thrown value, with the secret removed. */
export function describeError(error: unknown, secret: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const line = `${message}${cause}`.replace(/\s+/g, ' ').trim();
  return redact(line.length > 300 ? `${line.slice(0, 299)}…` : line, secret);
}
