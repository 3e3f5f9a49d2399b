/** Codes of the errors relnotes throws. Content problems are Diagnostics instead. */
export type RelnotesErrorCode =
  | 'E_INPUT'
  | 'E_CONFIG'
  | 'E_TEMPLATE'
  | 'E_TEMPLATE_RENDER'
  | 'E_OVERRIDE'
  | 'E_USAGE'
  | 'E_IO';

export interface RelnotesErrorDetails {
  file?: string;
  line?: number;
  column?: number;
  /** What to do about it, in one sentence. */
  hint?: string;
}

/** An error a user can act on: a code, a one-line message, and where. */
export class RelnotesError extends Error {
  override readonly name: string = 'RelnotesError';
  readonly code: RelnotesErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(
    code: RelnotesErrorCode,
    message: string,
    details: Readonly<RelnotesErrorDetails> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.hint = details.hint;
  }
}

/** Cuts untrusted input to a length that fits in one line of an error message. */
export function excerpt(value: string, max = 80): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
