import type { CommandLine } from '../commands/render-command.ts';
import type { CheckResult } from '../rules/check-result.ts';
import { formatDuration } from './format-duration.ts';
import type { BlockedGuest, GuestFacts, Plan, PlannedMove, PlanRequest } from './plan-types.ts';

/**
 * The plain-text preview (`hpvm-chatops plan`, README.md, "Command line"): what will run, where, in which order, and
 * every check behind it. Slack renders its own blocks from the same plan.
 */
export function renderPlanText(plan: Plan): string {
  const lines: string[] = [headline(plan.request), `Inventory: ${plan.inventoryCollectedAt}`, verdict(plan)];
  if (plan.checks.length > 0)
    lines.push('', 'Request checks:', ...plan.checks.flatMap((check) => renderCheck(check, '  ')));
  plan.moves.forEach((move, index) => lines.push('', ...renderMove(move, index)));
  for (const blocked of plan.blocked) lines.push('', ...renderBlocked(blocked));
  if (plan.moves.length > 0) {
    lines.push('', 'Commands:', ...renderCommands(plan), '', 'Rounds:', ...renderRounds(plan));
    lines.push('', `Estimated duration: ${formatDuration(plan.estimatedSeconds)}`);
  }
  return `${lines.join('\n')}\n`;
}

function headline(request: PlanRequest): string {
  switch (request.kind) {
    case 'migrate': {
      const from = request.from === undefined ? '' : ` from ${request.from}`;
      const flags = [
        request.stop ? '--stop' : '',
        request.start ? '--start' : '',
        request.deleteSource ? '--delete-source' : '',
        request.checkOnly ? '--check' : '',
      ].filter((flag) => flag !== '');
      const mode = request.mode ?? 'online when possible';
      const reason = request.reason === undefined ? '' : ` — reason: ${request.reason}`;
      return `Migrate ${request.guests.join(', ')}${from} to ${request.to} (${[mode, ...flags].join(' ')})${reason}`;
    }
    case 'evacuate':
      return `Evacuate ${request.vsp} to ${request.targets.length > 0 ? request.targets.join(', ') : 'any other VSP not in maintenance'}`;
    case 'return':
      return `Return ${request.guests.length > 0 ? request.guests.join(', ') : 'no guests'} to ${request.vsp}`;
    case 'balance':
      return `Balance the fleet: ${request.moves.length} move(s), CPU load standard deviation ${request.before.cpuStdDev.toFixed(3)} → ${request.after.cpuStdDev.toFixed(3)}`;
  }
}

function verdict(plan: Plan): string {
  const moves = plural(plan.moves.length, 'move');
  if (plan.ok)
    return plan.moves.length === 0
      ? 'Result: nothing to move'
      : `Result: ready, ${moves} in ${plural(plan.rounds.length, 'round')}`;
  const failedChecks = plan.checks.filter((check) => !check.ok).length;
  const reasons = [
    failedChecks > 0 ? `${plural(failedChecks, 'request check')} failed` : '',
    plan.blocked.length > 0 ? `${plural(plan.blocked.length, 'guest')} cannot be moved` : '',
  ].filter((reason) => reason !== '');
  return `Result: BLOCKED, ${reasons.join(', ')} (${moves} possible)`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function renderMove(move: PlannedMove, index: number): string[] {
  return [
    `Move ${index + 1}: ${move.guest.name}  ${move.source} → ${move.target}  ${modeText(move)}`,
    `  guest: ${facts(move.guest)}`,
    // A move without HP's precheck carries a not-checked hp-precheck check saying why (evaluate-move.ts).
    ...move.checks.flatMap((check) => renderCheck(check, '  ')),
  ];
}

function renderBlocked(blocked: BlockedGuest): string[] {
  const route =
    blocked.source === undefined ? `→ ${blocked.target ?? '?'}` : `${blocked.source} → ${blocked.target ?? '?'}`;
  return [
    `Blocked: ${blocked.guest}  ${route}${blocked.mode === undefined ? '' : `  (${blocked.mode})`}`,
    ...(blocked.facts === undefined ? [] : [`  guest: ${facts(blocked.facts)}`]),
    ...blocked.checks.flatMap((check) => renderCheck(check, '  ')),
  ];
}

function modeText(move: PlannedMove): string {
  const flags = [
    move.options.stop ? '--stop' : '',
    move.options.start ? '--start' : '',
    move.options.deleteSource ? '--delete-source' : '',
  ];
  const options = flags.filter((flag) => flag !== '');
  const mode = move.downtime ? `${move.mode}, DOWNTIME` : move.mode;
  return options.length > 0 ? `${mode} (${options.join(' ')})` : mode;
}

function facts(guest: GuestFacts): string {
  const storage =
    guest.storage === undefined
      ? 'not collected'
      : guest.storage.map((device) => `${device.device}/${device.backing}`).join(' ') || 'none';
  const networks = guest.networks === undefined ? 'not collected' : guest.networks.join(' ') || 'none';
  return [
    guest.stateText,
    guest.os,
    guest.kind === 'vpar' ? 'vPar' : 'VM',
    `${guest.vcpus} vCPU${guest.vcpus === 1 ? '' : 's'}`,
    memory(guest.memoryMb),
    `storage ${storage}`,
    `vswitches ${networks}`,
  ].join(', ');
}

function memory(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}

/** ✓ passed, ✗ failed, ? not checked: a value the bot does not know is never shown as a pass. */
function renderCheck(check: CheckResult, indent: string): string[] {
  const mark = !check.ok ? '✗' : check.unknown === true ? '?' : '✓';
  const notChecked = check.unknown === true ? ' (not checked)' : '';
  const lines = [`${indent}${mark} ${check.rule}:${notChecked} ${check.detail}`];
  if (check.fix !== undefined) lines.push(`${indent}    fix: ${check.fix}`);
  return lines;
}

/** Per host, in round order: each move's precheck, then its migration command. */
function renderCommands(plan: Plan): string[] {
  const byHost = new Map<string, string[]>();
  const add = (command: CommandLine): void => {
    const lines = byHost.get(command.host) ?? [];
    lines.push(command.line);
    byHost.set(command.host, lines);
  };
  for (const index of plan.rounds.flat()) {
    const move = plan.moves[index];
    if (move === undefined) continue;
    if (move.commands.precheck) add(move.commands.precheck);
    add(move.commands.migrate);
  }
  return [...byHost].flatMap(([host, lines]) => [`  on ${host}:`, ...lines.map((line) => `    ${line}`)]);
}

function renderRounds(plan: Plan): string[] {
  return plan.rounds.map((round, index) => {
    const moves = round.map((moveIndex) => {
      const move = plan.moves[moveIndex];
      return move === undefined
        ? '?'
        : `${move.guest.name} (${move.source} → ${move.target}, ${move.mode}, ${formatDuration(move.estimatedSeconds)})`;
    });
    return `  ${index + 1}: ${moves.join('; ')}`;
  });
}
