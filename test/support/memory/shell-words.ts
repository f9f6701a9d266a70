/**
 * The inverse of `quoteShellArg` (src/domain/commands/quote-shell-arg.ts), and the one command shape the bot
 * renders (`renderCommand`: argv quoted and joined by single spaces, optionally `sudo -n` first). Only
 * text the renderer could have produced is accepted — a line that needs a real shell to mean anything is
 * `undefined` here, so the fake never guesses.
 */
import { quoteShellArg } from '../../../src/domain/commands/quote-shell-arg.ts';
import type { HpvmCommandName } from '../../../src/sim/fleet-file.ts';
import { isHpvmCommand } from '../../../src/sim/commands/run-hpvm-command.ts';

const BARE = /[A-Za-z0-9._/:=@%+-]/;
/** How quoteShellArg writes a `'` inside a quoted word: close, a double-quoted `'`, reopen. */
const QUOTE_ESCAPE = `"'"`;

/** Words of `text` as a POSIX shell would read them, or undefined when it is not quoteShellArg output. */
export function unquoteShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let at = 0;
  while (at <= text.length) {
    let word = '';
    let segments = 0;
    while (at < text.length && text[at] !== ' ') {
      const char = text[at]!;
      if (char === "'") {
        const close = text.indexOf("'", at + 1);
        if (close < 0) return undefined;
        word += text.slice(at + 1, close);
        at = close + 1;
      } else if (text.startsWith(QUOTE_ESCAPE, at)) {
        word += "'";
        at += QUOTE_ESCAPE.length;
      } else if (BARE.test(char)) {
        word += char;
        at += 1;
      } else {
        return undefined;
      }
      segments += 1;
    }
    // An empty word between two spaces (or at either end) is not something renderCommand writes.
    if (segments === 0) return undefined;
    words.push(word);
    at += 1;
  }
  // Exactly quoteShellArg's spelling: `'vm01'` for vm01 would also be read as vm01 by sh, but never rendered.
  return words.map(quoteShellArg).join(' ') === text ? words : undefined;
}

export interface HpvmInvocation {
  /** The basename of the program: the simulator's command name. */
  readonly command: HpvmCommandName;
  readonly argv: readonly string[];
}

/** A single rendered HPVM command line (`[sudo -n] /abs/path/hpvmstatus -P vm01`), or undefined. */
export function parseHpvmLine(line: string): HpvmInvocation | undefined {
  const words = unquoteShellWords(line);
  if (!words) return undefined;
  // sudo -n only fails when a password is needed; the simulated VSPs never need one.
  const [program = '', ...argv] = words[0] === 'sudo' && words[1] === '-n' ? words.slice(2) : words;
  const command = program.slice(program.lastIndexOf('/') + 1);
  if (!program.startsWith('/') || !isHpvmCommand(command)) return undefined;
  return { command, argv };
}
