/**
 * Scripted answers of the ScriptedShell: a pattern per VSP and a fixed answer or a function of the line.
 * The newest matching script is asked first; a function may return undefined to pass the line on.
 */
import type { CommandResult } from '../../../src/ports.ts';

/** A fixed answer, or a function of the line; a function may return undefined to let the emulation answer. */
export type ScriptAnswer =
  CommandResult | ((line: string) => CommandResult | undefined | Promise<CommandResult | undefined>);

export interface Script {
  readonly vsp: string;
  readonly pattern: RegExp;
  readonly answer: ScriptAnswer;
}

export function addScript(scripts: Script[], script: Script): () => void {
  scripts.push(script);
  return () => {
    const at = scripts.indexOf(script);
    if (at >= 0) scripts.splice(at, 1);
  };
}

export function matches(script: Script, vsp: string, line: string): boolean {
  // A /g or /y pattern keeps a lastIndex between tests; every line is matched from its start.
  script.pattern.lastIndex = 0;
  return script.vsp === vsp && script.pattern.test(line);
}

export function hasScript(scripts: readonly Script[], vsp: string, line: string): boolean {
  return scripts.some((script) => matches(script, vsp, line));
}

/** The newest matching script's answer; undefined when none matches or the matching ones pass. */
export async function consult(
  scripts: readonly Script[],
  vsp: string,
  line: string,
): Promise<CommandResult | undefined> {
  for (const script of [...scripts].reverse()) {
    if (!matches(script, vsp, line)) continue;
    const answer = typeof script.answer === 'function' ? await script.answer(line) : script.answer;
    if (answer !== undefined) return answer;
  }
  return undefined;
}
