/**
 * `hpvm-chatops parse [--config <file>] -- "<text>"`: the grammar on its own. Prints the request as
 * JSON (exit 0) or `{"error":{"code","message"}}` (exit 2) on stdout; for a person reading, the usage
 * line and an example of a usage error go to stderr. With --config, VSP names are checked against the fleet.
 */
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../../config.ts';
import { parseMigrateText } from '../../domain/grammar/parse-migrate-text.ts';
import { EXIT, type CliIo } from '../cli-io.ts';

const USAGE =
  'usage: hpvm-chatops parse [--config <file>] -- "<text>"\nexample: hpvm-chatops parse -- "vm01 to vsp2"\n';

export async function parseCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`hpvm-chatops parse: ${(error as Error).message}\n(put the /migrate text after --)\n${USAGE}`);
    return EXIT.usage;
  }
  const text = parsed.positionals.join(' ');
  let knownVsps: string[] | undefined;
  if (parsed.values.config !== undefined) {
    const loaded = await loadConfigFile(parsed.values.config);
    if (!loaded.ok) {
      io.stderr(`hpvm-chatops parse: invalid config\n${loaded.problems.map((p) => `  ${p}\n`).join('')}`);
      return EXIT.usage;
    }
    knownVsps = loaded.config.fleet.map((vsp) => vsp.name);
  }
  const outcome = parseMigrateText(text, knownVsps ? { knownVsps } : {});
  if (outcome.ok) {
    io.stdout(`${JSON.stringify(outcome.request)}\n`);
    return EXIT.ok;
  }
  const { code, message, usage, example, suggestions } = outcome.error;
  io.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
  const hint = suggestions && suggestions.length > 0 ? `did you mean: ${suggestions.join(', ')}\n` : '';
  io.stderr(`${message}\n${hint}usage: ${usage}\nexample: ${example}\n`);
  return EXIT.usage;
}
