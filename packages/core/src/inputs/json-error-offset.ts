/**
 * The offset of the first syntax error in JSON text, or null when it is valid. Only called after
 * `JSON.parse` failed: Node 20 leaves the position out of most of its messages.
 */
export function jsonErrorOffset(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.skipSpace();
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.index < text.length) throw new JsonSyntaxStop(scanner.index);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxStop) return error.offset;
    throw error;
  }
}

class JsonSyntaxStop {
  constructor(readonly offset: number) {}
}

// Deeper than any real input; stops a hostile `[[[[…` from overflowing the stack.
const MAX_DEPTH = 4096;

class JsonScanner {
  index = 0;
  constructor(private readonly text: string) {}

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail();
    const char = this.text[this.index];
    if (char === '{') this.object(depth);
    else if (char === '[') this.array(depth);
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else if (!(this.word('true') || this.word('false') || this.word('null'))) this.fail();
  }

  skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.index))) this.index++;
  }

  private object(depth: number): void {
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return;
    }
    for (;;) {
      if (this.text[this.index] !== '"') this.fail();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.index] === '}') {
        this.index++;
        return;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  private array(depth: number): void {
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.index] === ']') {
        this.index++;
        return;
      }
      this.expect(',');
      this.skipSpace();
    }
  }

  private string(): void {
    this.index++;
    while (this.index < this.text.length) {
      const code = this.text.charCodeAt(this.index);
      if (code === 0x22) {
        this.index++;
        return;
      }
      if (code < 0x20) this.fail();
      this.index += code === 0x5c ? 2 : 1;
    }
    this.fail();
  }

  private number(): void {
    if (this.text[this.index] === '-') this.index++;
    if (!this.digits()) this.fail();
    if (this.text[this.index] === '.') {
      this.index++;
      if (!this.digits()) this.fail();
    }
    if (this.text[this.index] === 'e' || this.text[this.index] === 'E') {
      this.index++;
      if (this.text[this.index] === '+' || this.text[this.index] === '-') this.index++;
      if (!this.digits()) this.fail();
    }
  }

  private digits(): boolean {
    const start = this.index;
    while (this.index < this.text.length && this.text.charAt(this.index) >= '0' && this.text.charAt(this.index) <= '9')
      this.index++;
    return this.index > start;
  }

  private word(word: string): boolean {
    if (!this.text.startsWith(word, this.index)) return false;
    this.index += word.length;
    return true;
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) this.fail();
    this.index++;
  }

  private fail(): never {
    throw new JsonSyntaxStop(Math.min(this.index, this.text.length));
  }
}
