// A small GraphQL parser for the subset GitHub clients send: operations, variables, selection sets,
// aliases and arguments. One linear pass over the text; no regular expressions.

export type GqlValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: GqlValue[] }
  | { kind: 'object'; fields: { name: string; value: GqlValue }[] }
  | { kind: 'variable'; name: string };

export interface GqlLocation {
  line: number;
  column: number;
}

export interface GqlArgument {
  name: string;
  value: GqlValue;
}

export interface GqlField {
  alias: string | null;
  name: string;
  arguments: GqlArgument[];
  /** null for a leaf field. */
  selections: GqlField[] | null;
  location: GqlLocation;
}

export interface GqlVariableDefinition {
  name: string;
  /** The type as written, like `String!` or `[PullRequestState!]`. */
  type: string;
  nonNull: boolean;
  defaultValue: GqlValue | null;
}

export interface GqlOperation {
  operation: 'query' | 'mutation' | 'subscription';
  name: string | null;
  variables: GqlVariableDefinition[];
  selections: GqlField[];
  location: GqlLocation;
}

export class GqlSyntaxError extends Error {
  readonly location: GqlLocation;
  constructor(message: string, location: GqlLocation) {
    super(message);
    this.name = 'GqlSyntaxError';
    this.location = location;
  }
}

type TokenKind = 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof';

interface Token {
  kind: TokenKind;
  value: string;
  location: GqlLocation;
}

const MAX_DEPTH = 64;
const PUNCTUATORS = '!$()[]{}:=@|&';
const TOKEN_NAMES: Record<string, string> = {
  '{': 'LCURLY',
  '}': 'RCURLY',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  ':': 'COLON',
  '!': 'BANG',
  $: 'VAR_SIGN',
  '=': 'EQUALS',
  '@': 'DIR_SIGN',
  '...': 'ELLIPSIS',
};

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (at: number): GqlLocation => ({ line, column: at - lineStart + 1 });
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\uFEFF') {
      i++;
    } else if (c === '#') {
      while (i < source.length && source.charAt(i) !== '\n') i++;
    } else if (c === '.') {
      if (source.startsWith('...', i)) {
        tokens.push({ kind: 'punct', value: '...', location: here(i) });
        i += 3;
      } else {
        throw new GqlSyntaxError(`Parse error on "." at [${line}, ${i - lineStart + 1}]`, here(i));
      }
    } else if (PUNCTUATORS.includes(c)) {
      tokens.push({ kind: 'punct', value: c, location: here(i) });
      i++;
    } else if (isNameStart(c)) {
      const start = i;
      while (i < source.length && isNameChar(source.charAt(i))) i++;
      tokens.push({ kind: 'name', value: source.slice(start, i), location: here(start) });
    } else if (isDigit(c) || c === '-') {
      const start = i;
      let kind: TokenKind = 'int';
      if (c === '-') i++;
      while (i < source.length && isDigit(source.charAt(i))) i++;
      if (source.charAt(i) === '.') {
        kind = 'float';
        i++;
        while (i < source.length && isDigit(source.charAt(i))) i++;
      }
      if (source.charAt(i) === 'e' || source.charAt(i) === 'E') {
        kind = 'float';
        i++;
        if (source.charAt(i) === '+' || source.charAt(i) === '-') i++;
        while (i < source.length && isDigit(source.charAt(i))) i++;
      }
      const text = source.slice(start, i);
      if (text === '-' || text.endsWith('.') || text.endsWith('e') || text.endsWith('E')) {
        throw new GqlSyntaxError(`Parse error on "${text}" at [${line}, ${start - lineStart + 1}]`, here(start));
      }
      tokens.push({ kind, value: text, location: here(start) });
    } else if (c === '"') {
      const start = i;
      const location = here(start);
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        if (end < 0) throw new GqlSyntaxError(`Unterminated string at [${line}, ${start - lineStart + 1}]`, location);
        const raw = source.slice(i + 3, end);
        for (let k = i; k < end; k++) {
          if (source.charAt(k) === '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        i = end + 3;
        tokens.push({ kind: 'string', value: raw.trim(), location });
      } else {
        i++;
        let value = '';
        let closed = false;
        while (i < source.length) {
          const d = source.charAt(i);
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\n') break;
          if (d === '\\') {
            const e = source.charAt(i + 1);
            const simple: Record<string, string> = {
              '"': '"',
              '\\': '\\',
              '/': '/',
              b: '\b',
              f: '\f',
              n: '\n',
              r: '\r',
              t: '\t',
            };
            const mapped = simple[e];
            if (mapped !== undefined) {
              value += mapped;
              i += 2;
            } else if (e === 'u') {
              const hex = source.slice(i + 2, i + 6);
              const code = Number.parseInt(hex, 16);
              if (hex.length !== 4 || Number.isNaN(code)) {
                throw new GqlSyntaxError(`Bad unicode escape at [${line}, ${i - lineStart + 1}]`, here(i));
              }
              value += String.fromCharCode(code);
              i += 6;
            } else {
              throw new GqlSyntaxError(`Bad escape at [${line}, ${i - lineStart + 1}]`, here(i));
            }
          } else {
            value += d;
            i++;
          }
        }
        if (!closed)
          throw new GqlSyntaxError(`Unterminated string at [${location.line}, ${location.column}]`, location);
        tokens.push({ kind: 'string', value, location });
      }
    } else {
      throw new GqlSyntaxError(`Parse error on "${c}" at [${line}, ${i - lineStart + 1}]`, here(i));
    }
  }
  tokens.push({ kind: 'eof', value: '', location: here(i) });
  return tokens;
}

class Parser {
  private position = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] ?? this.eofToken();
  }

  private eofToken(): Token {
    const last = this.tokens[this.tokens.length - 1];
    return last ?? { kind: 'eof', value: '', location: { line: 1, column: 1 } };
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  private fail(token: Token): never {
    const { line, column } = token.location;
    if (token.kind === 'eof')
      throw new GqlSyntaxError(`Parse error on end of input at [${line}, ${column}]`, token.location);
    const name = TOKEN_NAMES[token.value] ?? token.kind.toUpperCase();
    throw new GqlSyntaxError(`Parse error on "${token.value}" (${name}) at [${line}, ${column}]`, token.location);
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expectPunct(value: string): Token {
    const token = this.next();
    if (token.kind !== 'punct' || token.value !== value) this.fail(token);
    return token;
  }

  private expectName(): Token {
    const token = this.next();
    if (token.kind !== 'name') this.fail(token);
    return token;
  }

  parseDocument(): GqlOperation[] {
    const operations: GqlOperation[] = [];
    while (this.peek().kind !== 'eof') operations.push(this.parseOperation());
    if (operations.length === 0) this.fail(this.peek());
    return operations;
  }

  private parseOperation(): GqlOperation {
    const start = this.peek();
    if (this.isPunct('{')) {
      return {
        operation: 'query',
        name: null,
        variables: [],
        selections: this.parseSelectionSet(),
        location: start.location,
      };
    }
    const keyword = this.expectName();
    if (keyword.value === 'fragment') {
      throw new GqlSyntaxError('Fragments are not supported by the emulator', keyword.location);
    }
    if (keyword.value !== 'query' && keyword.value !== 'mutation' && keyword.value !== 'subscription')
      this.fail(keyword);
    let name: string | null = null;
    if (this.peek().kind === 'name') name = this.next().value;
    const variables: GqlVariableDefinition[] = [];
    if (this.isPunct('(')) {
      this.next();
      while (!this.isPunct(')')) variables.push(this.parseVariableDefinition());
      this.next();
    }
    if (this.isPunct('@'))
      throw new GqlSyntaxError('Directives are not supported by the emulator', this.peek().location);
    return {
      operation: keyword.value,
      name,
      variables,
      selections: this.parseSelectionSet(),
      location: start.location,
    };
  }

  private parseVariableDefinition(): GqlVariableDefinition {
    this.expectPunct('$');
    const name = this.expectName().value;
    this.expectPunct(':');
    const { text, nonNull } = this.parseType();
    let defaultValue: GqlValue | null = null;
    if (this.isPunct('=')) {
      this.next();
      defaultValue = this.parseValue(true);
    }
    return { name, type: text, nonNull, defaultValue };
  }

  private parseType(): { text: string; nonNull: boolean } {
    let text: string;
    if (this.isPunct('[')) {
      this.next();
      this.enter();
      const inner = this.parseType();
      this.leave();
      this.expectPunct(']');
      text = `[${inner.text}]`;
    } else {
      text = this.expectName().value;
    }
    if (this.isPunct('!')) {
      this.next();
      return { text: `${text}!`, nonNull: true };
    }
    return { text, nonNull: false };
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) throw new GqlSyntaxError('Query is nested too deeply', this.peek().location);
  }

  private leave(): void {
    this.depth--;
  }

  private parseSelectionSet(): GqlField[] {
    this.expectPunct('{');
    this.enter();
    const fields: GqlField[] = [];
    while (!this.isPunct('}')) {
      if (this.isPunct('...'))
        throw new GqlSyntaxError('Fragments are not supported by the emulator', this.peek().location);
      fields.push(this.parseField());
    }
    if (fields.length === 0) this.fail(this.peek());
    this.next();
    this.leave();
    return fields;
  }

  private parseField(): GqlField {
    const first = this.expectName();
    let alias: string | null = null;
    let name = first.value;
    if (this.isPunct(':')) {
      this.next();
      alias = first.value;
      name = this.expectName().value;
    }
    const args: GqlArgument[] = [];
    if (this.isPunct('(')) {
      this.next();
      while (!this.isPunct(')')) {
        const argName = this.expectName().value;
        this.expectPunct(':');
        args.push({ name: argName, value: this.parseValue(false) });
      }
      if (args.length === 0) this.fail(this.peek());
      this.next();
    }
    if (this.isPunct('@'))
      throw new GqlSyntaxError('Directives are not supported by the emulator', this.peek().location);
    const selections = this.isPunct('{') ? this.parseSelectionSet() : null;
    return { alias, name, arguments: args, selections, location: first.location };
  }

  private parseValue(constant: boolean): GqlValue {
    const token = this.next();
    if (token.kind === 'punct') {
      if (token.value === '$' && !constant) return { kind: 'variable', name: this.expectName().value };
      if (token.value === '[') {
        this.enter();
        const values: GqlValue[] = [];
        while (!this.isPunct(']')) values.push(this.parseValue(constant));
        this.next();
        this.leave();
        return { kind: 'list', values };
      }
      if (token.value === '{') {
        this.enter();
        const fields: { name: string; value: GqlValue }[] = [];
        while (!this.isPunct('}')) {
          const name = this.expectName().value;
          this.expectPunct(':');
          fields.push({ name, value: this.parseValue(constant) });
        }
        this.next();
        this.leave();
        return { kind: 'object', fields };
      }
      this.fail(token);
    }
    switch (token.kind) {
      case 'int':
        return { kind: 'int', value: Number(token.value) };
      case 'float':
        return { kind: 'float', value: Number(token.value) };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'name':
        if (token.value === 'true' || token.value === 'false')
          return { kind: 'boolean', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'null' };
        return { kind: 'enum', value: token.value };
      default:
        return this.fail(token);
    }
  }
}

/** Parse a GraphQL document; throws `GqlSyntaxError` with a line and column. */
export function parseGraphQL(source: string): GqlOperation[] {
  return new Parser(tokenize(source)).parseDocument();
}
