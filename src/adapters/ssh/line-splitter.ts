import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into text lines as it arrives. A StringDecoder keeps a UTF-8 character that is
 * split across chunks whole; `\r\n` and `\n` both end a line (the `\r` is dropped); a last line without
 * a newline is delivered by `end()`.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Decodes one chunk, delivers the lines it completes, and returns the decoded text. */
  push(chunk: Buffer): string {
    const text = this.decoder.write(chunk);
    this.deliver(text);
    return text;
  }

  /** Flushes the decoder and the unterminated last line; returns the text decoded at the end (usually ''). */
  end(): string {
    const text = this.decoder.end();
    this.deliver(text);
    if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.onLine(last);
    }
    return text;
  }

  private deliver(text: string): void {
    if (text === '') return;
    const pieces = (this.partial + text).split('\n');
    // The last piece has no newline yet: keep it (a `\r` at its end may be the first half of `\r\n`).
    this.partial = pieces.pop() ?? '';
    for (const piece of pieces) this.onLine(piece.endsWith('\r') ? piece.slice(0, -1) : piece);
  }
}
