/**
 * The pieces of a plan as mrkdwn, at three levels of detail: the preview picks the richest level that
 * fits Slack's limits. Same information as the CLI's renderPlanText; every host- or user-originated
 * string is escaped here.
 */
import type { GuestFacts, Plan, PlannedMove, PlanRequest, BlockedGuest } from '../../../domain/plan/plan-types.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import { checkedOk, type CheckResult } from '../../../domain/rules/check-result.ts';
import { plural } from './limits.ts';
import { esc } from './mrkdwn.ts';

/**
 * full      — every check with its detail
 * collapsed — failed checks in full, passed ones counted
 * compact   — one line per move; blocked guests keep their failed checks in full
 */
export type Detail = 'full' | 'collapsed' | 'compact';

/** `Migrate vm01, vm02 to vsp2`: unescaped, for plain-text headers and the fallback (names are allow-listed). */
export function requestTitle(request: PlanRequest): string {
  switch (request.kind) {
    case 'migrate':
      return `Migrate ${nameList(request.guests)} to ${request.to}`;
    case 'evacuate':
      return `Evacuate ${request.vsp}${request.targets.length > 0 ? ` to ${request.targets.join(', ')}` : ''}`;
    case 'return':
      return `Return ${nameList(request.guests)} to ${request.vsp}`;
    case 'balance':
      return `Balance the fleet: move ${nameList(request.moves.map((move) => move.vm))}`;
  }
}

function nameList(names: readonly string[]): string {
  if (names.length === 0) return 'no guests';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

export function factsText(guest: GuestFacts, detail: Detail): string {
  const parts = [
    esc(guest.stateText),
    esc(guest.os),
    guest.kind === 'vpar' ? 'vPar' : 'VM',
    plural(guest.vcpus, 'vCPU'),
    memoryText(guest.memoryMb),
  ];
  if (detail === 'compact') return parts.join(' · ');
  return [...parts, `storage: ${storageText(guest)}`, `vswitches: ${networksText(guest)}`].join(' · ');
}

function memoryText(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}

/** Backing kinds with counts (`2 × disk, lv`): what decides online eligibility, without device paths. */
function storageText(guest: GuestFacts): string {
  if (guest.storage === undefined) return 'not collected';
  if (guest.storage.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const device of guest.storage) counts.set(device.backing, (counts.get(device.backing) ?? 0) + 1);
  return [...counts].map(([kind, count]) => (count === 1 ? esc(kind) : `${count} × ${esc(kind)}`)).join(', ');
}

function networksText(guest: GuestFacts): string {
  if (guest.networks === undefined) return 'not collected';
  return guest.networks.length === 0 ? 'none' : esc([...new Set(guest.networks)].join(', '));
}

/** `online`, `offline (--start)`, `offline, *DOWNTIME*: vm01 stops on vsp1 (--stop)`. */
export function modeText(move: PlannedMove): string {
  const flags = [
    move.options.stop ? '--stop' : '',
    move.options.start ? '--start' : '',
    move.options.deleteSource ? '--delete-source' : '',
  ].filter((flag) => flag !== '');
  const mode = move.downtime
    ? `*${move.mode}*, *DOWNTIME*: ${esc(move.guest.name)} stops on ${esc(move.source)}`
    : `*${move.mode}*`;
  return flags.length > 0 ? `${mode} (${flags.join(' ')})` : mode;
}

/** ✓ passed, ✗ failed, ? not checked (the value was unknown): an unknown is never shown as a pass. */
export function checkMark(check: CheckResult): string {
  if (!check.ok) return '✗';
  return check.unknown === true ? '?' : '✓';
}

export function checkLine(check: CheckResult): string {
  const notChecked = check.unknown === true ? ' _(not checked)_' : '';
  const line = `${checkMark(check)} ${check.rule}:${notChecked} ${esc(check.detail)}`;
  return check.fix === undefined ? line : `${line}\n      ↳ _fix:_ ${esc(check.fix)}`;
}

/** Checks at a level of detail; passed ones summarised unless `full`. Unchecked ones are listed like failures. */
export function checkLines(checks: readonly CheckResult[], detail: Detail): string[] {
  if (detail === 'full') return checks.map(checkLine);
  const failedLines = checks.filter((check) => !checkedOk(check)).map(checkLine);
  const passedCount = checks.filter(checkedOk).length;
  if (passedCount === 0) return failedLines;
  const summary =
    failedLines.length === 0
      ? `✓ ${plural(passedCount, 'check')} passed`
      : `✓ …and ${plural(passedCount, 'more check', 'more checks')} passed`;
  return [...failedLines, summary];
}

export function moveChunk(move: PlannedMove, index: number, detail: Detail): string {
  const title = `*${index + 1}. ${esc(move.guest.name)}*  ${esc(move.source)} → ${esc(move.target)} · ${modeText(move)}`;
  if (detail === 'compact') {
    const failedCount = move.checks.filter((check) => !check.ok).length;
    const unknownCount = move.checks.filter((check) => check.ok && check.unknown === true).length;
    const checks =
      failedCount === 0
        ? `✓ ${plural(move.checks.length - unknownCount, 'check')}`
        : `✗ ${failedCount} of ${plural(move.checks.length, 'check')} failed`;
    const unknown = unknownCount === 0 ? '' : ` · ? ${unknownCount} not checked`;
    return [`${title} · ${factsText(move.guest, detail)} · ${checks}${unknown}`, ...storageCopyLines(move)].join('\n');
  }
  // A move without HP's precheck carries a not-checked hp-precheck check saying why (evaluate-move.ts).
  return [title, factsText(move.guest, detail), ...storageCopyLines(move), ...checkLines(move.checks, detail)].join(
    '\n',
  );
}

/** Each store an offline move copies: path → target path, size, room on the target and the copy's estimate. */
export function storageCopyLines(move: PlannedMove): string[] {
  return (move.storageCopies ?? []).map((copy) => {
    const route = `\`${esc(copy.source)}\` → ${esc(move.target)}:\`${esc(copy.target)}\``;
    if (copy.method === 'present') return `↳ storage ${route} · ${copy.sizeMb} MB · already there (copied by hand)`;
    return `↳ copy ${route} · ${copy.sizeMb} MB · room ${copy.room.freeMb} MB free in ${esc(copy.room.on)} · ~${formatDuration(copy.copySeconds)}`;
  });
}

/** A blocked guest always keeps its failed checks and fixes; passed checks are counted below `full`. */
export function blockedChunk(blocked: BlockedGuest, detail: Detail): string {
  const route = `${esc(blocked.source ?? '?')} → ${esc(blocked.target ?? '?')}`;
  const mode = blocked.mode === undefined ? '' : ` · ${blocked.mode}`;
  const title = `*✗ ${esc(blocked.guest)}*  ${route}${mode}`;
  const facts = blocked.facts === undefined ? [] : [factsText(blocked.facts, detail)];
  return [title, ...facts, ...checkLines(blocked.checks, detail === 'full' ? 'full' : 'collapsed')].join('\n');
}

/** Per host, in round order: each move's precheck, then its migration command — raw, exactly as stored. */
export function commandsByHost(plan: Plan): [host: string, lines: string[]][] {
  const byHost = new Map<string, string[]>();
  for (const index of plan.rounds.flat()) {
    const move = plan.moves[index];
    if (move === undefined) continue;
    for (const command of [move.commands.precheck, move.commands.migrate]) {
      if (command === undefined) continue;
      const lines = byHost.get(command.host) ?? [];
      lines.push(command.line);
      byHost.set(command.host, lines);
    }
  }
  return [...byHost];
}

export function roundChunks(plan: Plan): string[] {
  return plan.rounds.map((round, index) => {
    const moves = round.map((moveIndex) => {
      const move = plan.moves[moveIndex];
      if (move === undefined) return '?';
      return `${esc(move.guest.name)} (${esc(move.source)} → ${esc(move.target)}, ${move.mode}, ${formatDuration(move.estimatedSeconds)})`;
    });
    return `${index + 1}. ${moves.join('; ')}`;
  });
}

/** Every failed check of the plan, request-level first. */
export function failedChecks(plan: Plan): CheckResult[] {
  return [
    ...plan.checks,
    ...plan.moves.flatMap((move) => move.checks),
    ...plan.blocked.flatMap((blocked) => blocked.checks),
  ].filter((check) => !check.ok);
}

/** The distinct fixes, in order: what the operator should do before asking again. */
export function distinctFixes(plan: Plan): string[] {
  return [...new Set(failedChecks(plan).flatMap((check) => (check.fix === undefined ? [] : [check.fix])))];
}

export function passedCheckCount(plan: Plan): number {
  return [...plan.moves.flatMap((move) => move.checks), ...plan.blocked.flatMap((blocked) => blocked.checks)].filter(
    checkedOk,
  ).length;
}
