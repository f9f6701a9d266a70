/** The last `count` lines of a command's output, as evidence in errors (the full text can be large). */
export function tailLines(text: string, count: number): string {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-count).join('\n');
}
