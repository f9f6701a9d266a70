/**
 * A balancing suggestion (DESIGN §1 row 10): current and planned CPU load per VSP as compact bars, each
 * move with its reason and mode, the exact command lines, the estimate, and Approve all / Approve selected
 * (checkboxes) / Dismiss. Unticking a move leaves it out; the rest is re-checked before anything runs.
 */
import type { types } from '@slack/bolt';
import type { BalanceSuggestionInput } from '../../../app/presenter.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { BalancePlanRequest } from '../../../domain/plan/plan-types.ts';
import { actions, button, context, header, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { LIMITS, plural } from './limits.ts';
import { codeTexts, esc, slackDate } from './mrkdwn.ts';
import { actionsBlockId } from './preview-message.ts';
import { percentBar } from './progress-message.ts';

/** Slack: at most 10 options per checkboxes element; more moves get more checkbox groups. */
const OPTIONS_PER_CHECKBOXES = 10;
const HOSTS_SHOWN = 30;

export function selectBlockId(requestId: string, version: number, group: number): string {
  return `sel:${requestId}:v${version}:${group}`;
}

export function buildBalanceSuggestion(input: BalanceSuggestionInput): BlockMessage {
  const { request, plan } = input;
  const balance = plan.request as BalancePlanRequest;
  const summary = [
    `*CPU load standard deviation* ${balance.before.cpuStdDev.toFixed(3)} → ${balance.after.cpuStdDev.toFixed(3)} · *highest host load* ${pct(balance.before.maxCpuLoad)} → ${pct(balance.after.maxCpuLoad)}`,
    `${plural(plan.moves.length, 'online move')} in ${plural(plan.rounds.length, 'round')} · estimated ${formatDuration(plan.estimatedSeconds)}`,
    `_Inventory read ${slackDate(plan.inventoryCollectedAt)}. Suggested by ${request.requesterId === 'bot' ? 'the schedule' : `<@${esc(request.requesterId)}>`}._`,
  ].join('\n');
  const blocks: Block[] = [
    header(`${request.id} · Balancing suggestion`),
    section(summary),
    ...codeTexts('*Load per VSP* (now → after the moves)', loadLines(balance)).map((text) => section(text)),
    section(moveLines(input).join('\n').slice(0, LIMITS.sectionText)),
    ...checkboxGroups(input),
    ...commandSections(input),
    context(
      [
        `*Who may approve:* ${input.approvers ?? 'the configured approvers'}`,
        `Needs ${plural(request.approvalsRequired, 'approval')}`,
        `Expires ${slackDate(request.expiresAt)}`,
      ],
      undefined,
    ),
    buttons(input),
  ];
  const leftOut =
    plan.blocked.length > 0 ? ` (${plural(plan.blocked.length, 'move')} refused by the rules left out)` : '';
  return message(`${esc(request.id)}: balancing suggestion, ${plural(plan.moves.length, 'move')}${leftOut}`, blocks);
}

function pct(load: number): string {
  return `${Math.round(load * 100)}%`;
}

function loadLines(balance: BalancePlanRequest): string[] {
  const names = Object.keys(balance.loadsBefore).sort();
  const width = Math.max(...names.map((name) => name.length), 4);
  const changed = names.filter(
    (name) => Math.abs((balance.loadsAfter[name] ?? 0) - (balance.loadsBefore[name] ?? 0)) > 1e-9,
  );
  const shown = [...changed, ...names.filter((name) => !changed.includes(name))].slice(0, HOSTS_SHOWN);
  const lines = shown.map((name) => {
    const before = (balance.loadsBefore[name] ?? 0) * 100;
    const after = (balance.loadsAfter[name] ?? 0) * 100;
    const arrow = changed.includes(name) ? `→ ${percentBar(after)}` : '  (unchanged)';
    return `${name.padEnd(width)}  ${percentBar(before).padEnd(15)} ${arrow}`;
  });
  if (names.length > shown.length) lines.push(`… and ${names.length - shown.length} more VSPs, unchanged`);
  return lines;
}

function moveLines(input: BalanceSuggestionInput): string[] {
  const balance = input.plan.request as BalancePlanRequest;
  const reasons = new Map(balance.moves.map((move) => [move.vm, move.reason]));
  const lines = ['*Moves* (tick the ones to run, or approve all)'];
  input.plan.moves.forEach((move, index) => {
    lines.push(
      `${index + 1}. *${esc(move.guest.name)}* ${esc(move.source)} → ${esc(move.target)} · *online* — ${esc(reasons.get(move.guest.name) ?? '')}`,
    );
  });
  for (const blocked of input.plan.blocked) {
    const failed = blocked.checks.find((check) => !check.ok);
    lines.push(`✗ ${esc(blocked.guest)} left out: ${esc(failed?.detail ?? 'refused by the rules')}`);
  }
  return lines;
}

function checkboxGroups(input: BalanceSuggestionInput): Block[] {
  const { request, plan } = input;
  const groups: Block[] = [];
  for (let start = 0; start < plan.moves.length; start += OPTIONS_PER_CHECKBOXES) {
    const options = plan.moves.slice(start, start + OPTIONS_PER_CHECKBOXES).map((move, offset) => ({
      text: {
        type: 'mrkdwn' as const,
        text: `${start + offset + 1}. ${esc(move.guest.name)} ${esc(move.source)} → ${esc(move.target)}`,
      },
      value: String(start + offset),
    }));
    const checkboxes: types.Checkboxes = {
      type: 'checkboxes',
      action_id: 'select_moves',
      options,
      initial_options: options,
    };
    groups.push({
      type: 'actions',
      block_id: selectBlockId(request.id, request.version, start / OPTIONS_PER_CHECKBOXES),
      elements: [checkboxes],
    });
  }
  return groups;
}

function commandSections(input: BalanceSuggestionInput): Block[] {
  const byHost = new Map<string, string[]>();
  for (const index of input.plan.rounds.flat()) {
    const move = input.plan.moves[index];
    if (move === undefined) continue;
    const lines = byHost.get(move.source) ?? [];
    if (move.commands.precheck) lines.push(move.commands.precheck.line);
    lines.push(move.commands.migrate.line);
    byHost.set(move.source, lines);
  }
  const lines = [...byHost].flatMap(([host, commands]) => [`# on ${host}`, ...commands]);
  return codeTexts('*Commands* — exactly what runs, per host, in run order', lines).map((text) => section(text));
}

function buttons(input: BalanceSuggestionInput): Block {
  const { request, plan } = input;
  const hosts = [...new Set(plan.moves.map((move) => move.source))].join(', ');
  return actions(actionsBlockId(request.id, request.version), [
    button({
      actionId: 'approve',
      text: 'Approve all',
      value: request.id,
      style: 'primary',
      confirm: {
        title: `Run all of ${request.id}?`,
        text: `Runs ${plural(plan.moves.length, 'online migration')} on ${esc(hosts)}. The inventory is re-read first; if anything changed, nothing runs.`,
        confirm: 'Approve all',
        deny: 'Back',
        style: 'primary',
      },
    }),
    button({
      actionId: 'approve_selected',
      text: 'Approve selected',
      value: request.id,
      confirm: {
        title: `Run the ticked moves of ${request.id}?`,
        text: 'Only the ticked moves run; the others are left out. The inventory is re-read first.',
        confirm: 'Approve selected',
        deny: 'Back',
      },
    }),
    button({
      actionId: 'reject',
      text: 'Dismiss',
      value: request.id,
      confirm: {
        title: `Dismiss ${request.id}?`,
        text: 'Nothing runs. The same suggestion is not posted again until the load changes.',
        confirm: 'Dismiss',
        deny: 'Back',
      },
    }),
  ]);
}
