/**
 * `hpvm-chatops plan --config <file> [--json] [--no-precheck] -- "<text>"`: the preview without Slack.
 * Reads the inventory over SSH, checks the rules, runs HP's read-only `hpvmmigrate -s` on each source
 * (unless --no-precheck), and prints the plan. Nothing is migrated.
 * Exit: 0 every check passed · 3 some check failed (the preview says which) · 2 usage or config error · 1 other failure.
 */
import { parseArgs } from 'node:util';
import { planRequest, type PlannableRequest } from '../../app/plan-request.ts';
import { parseMigrateText } from '../../domain/grammar/parse-migrate-text.ts';
import { canonicalPlanJson } from '../../domain/plan/canonical-plan-json.ts';
import { renderPlanText } from '../../domain/plan/render-plan-text.ts';
import type { FleetSnapshot } from '../../domain/inventory.ts';
import { systemClock } from '../../ports.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { loadFleet } from '../load-fleet.ts';

const USAGE =
  'usage: hpvm-chatops plan --config <file> [--json] [--no-precheck] -- "<text>"\n' +
  'example: hpvm-chatops plan --config .sim/config.yaml -- "vm01 to vsp2"\n';

export async function planCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { config: { type: 'string' }, json: { type: 'boolean' }, 'no-precheck': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`hpvm-chatops plan: ${(error as Error).message}\n(put the /migrate text after --)\n${USAGE}`);
    return EXIT.usage;
  }
  const configPath = args.values.config ?? io.env.CONFIG_FILE;
  if (configPath === undefined) {
    io.stderr(`hpvm-chatops plan: --config <file> is required (or CONFIG_FILE)\n${USAGE}`);
    return EXIT.usage;
  }
  const loaded = await loadFleet(configPath, io.env);
  if (!loaded.ok) {
    io.stderr(`hpvm-chatops plan: cannot use the configuration:\n${loaded.problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.usage;
  }
  const { config, templates, shell } = loaded.fleet;
  try {
    const outcome = parseMigrateText(args.positionals.join(' '), { knownVsps: config.fleet.map((vsp) => vsp.name) });
    if (!outcome.ok) {
      io.stderr(`${outcome.error.message}\nusage: ${outcome.error.usage}\nexample: ${outcome.error.example}\n`);
      return EXIT.usage;
    }
    const request = outcome.request;
    if (request.kind !== 'migrate' && request.kind !== 'evacuate') {
      io.stderr(
        `hpvm-chatops plan previews moves: \`/migrate … to …\` and \`/migrate evacuate …\`; ` +
          `\`${request.kind}\` needs the running bot (its history and requests).\n${USAGE}`,
      );
      return EXIT.usage;
    }
    const plannable: PlannableRequest = request;
    const { plan, snapshot } = await planRequest(
      plannable,
      { shell, vsps: config.fleet, templates, settings: config.migration, clock: systemClock },
      { precheck: args.values['no-precheck'] !== true },
    );
    io.stdout(args.values.json ? `${canonicalPlanJson(plan)}\n` : renderPlanText(plan));
    io.stderr(inventoryWarnings(snapshot));
    return plan.ok ? EXIT.ok : EXIT.checksFailed;
  } finally {
    await shell.close();
  }
}

/** VSPs that could not be read and output lines the parsers did not understand: shown, never hidden. */
function inventoryWarnings(snapshot: FleetSnapshot): string {
  const lines = [
    ...snapshot.failures.map((failure) => `inventory: ${failure.vsp}: ${failure.message}`),
    ...snapshot.issues.map(
      (issue) =>
        `inventory: ${issue.vsp}: ${issue.severity} in \`${issue.command}\`` +
        `${issue.lineNumber > 0 ? ` line ${issue.lineNumber}` : ''}: ${issue.message}` +
        `${issue.line === '' ? '' : ` (${JSON.stringify(issue.line)})`}`,
    ),
  ];
  return lines.map((line) => `${line}\n`).join('');
}
