/**
 * A balancing suggestion (docs/architecture.md, "Chat surface"): current and planned CPU load per VSP as
 * compact bars, each move with its reason and mode, the exact command lines, the estimate, and Approve
 * all / Approve selected (checkboxes) / Dismiss. Unticking a move leaves it out; the rest is re-checked
 * before anything runs. Like the preview, it says when Slack's limits left command lines out.
 */
import type { types } from '@slack/bolt';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { BalancePlanRequest } from '../../../domain/plan/plan-types.ts';
import { approvedByAll } from '../../../domain/workflow/approval.ts';
import type { BalanceSuggestionInput } from '../../../ports.ts';
import {
  actions,
  blocksTextLength,
  button,
  context,
  header,
  message,
  section,
  type Block,
  type BlockPreview,
} from './block-parts.ts';
import { actionsBlockId, decisionButtonValue, SELECT_MOVES_ACTION, selectBlockId } from './block-ids.ts';
import { commandListingNote } from './command-listing.ts';
import { fitParts, type BodyPart } from './fit-parts.ts';
import { clip, LIMITS, plural, type TextBudget } from './limits.ts';
import { codeTexts, esc, mentionList, slackDate } from './mrkdwn.ts';
import { commandsByHost } from './plan-text.ts';
import { percentBar } from './progress-message.ts';

/** Slack: at most 10 options per checkboxes element; more moves get more checkbox groups. */
const OPTIONS_PER_CHECKBOXES = 10;
const HOSTS_SHOWN = 30;
/** Blocks and characters the status line may add when it replaces the buttons (as in the preview). */
const STATUS_RESERVE = 1;
const STATUS_CHARS_RESERVE = 1200;

export function buildBalanceSuggestion(input: BalanceSuggestionInput): BlockPreview {
  const { request, plan } = input;
  const head: Block[] = [
    header(`${request.id} · Balancing suggestion`),
    section(summaryText(input)),
    ...codeTexts('*Load per VSP* (now → after the moves)', loadLines(plan.request as BalancePlanRequest)).map((text) =>
      section(text),
    ),
  ];
  const selection = checkboxGroups(input);
  const approval = context(
    [
      `*Who may approve:* ${input.approvers ?? 'the configured approvers'}`,
      `Needs ${plural(request.approvalsRequired, 'approval')}`,
      `Expires ${slackDate(request.expiresAt)}`,
    ],
    undefined,
  );
  const controls = buttons(input);
  const budget: TextBudget = {
    texts: LIMITS.blocksPerMessage - head.length - selection.length - 2 - STATUS_RESERVE,
    chars:
      LIMITS.messageBlocksText - blocksTextLength([...head, ...selection, approval, controls]) - STATUS_CHARS_RESERVE,
  };
  let body = fitBody(input, budget);
  const note = body.showsEveryCommand ? [] : [commandListingNote()];
  if (note.length > 0) body = fitBody(input, { texts: budget.texts - 1, chars: budget.chars - blocksTextLength(note) });
  const blocks: Block[] = [
    ...head,
    ...body.moves.map((text) => section(text)),
    ...selection,
    ...body.commands.map((text) => section(text)),
    approval,
    ...note,
    controls,
  ];
  const leftOut =
    plan.blocked.length > 0 ? ` (${plural(plan.blocked.length, 'move')} refused by the rules left out)` : '';
  const built = message(
    `${esc(request.id)}: balancing suggestion, ${plural(plan.moves.length, 'move')}${leftOut}`,
    blocks,
  );
  return { ...built, showsEveryCommand: body.showsEveryCommand && built.blocks.length === blocks.length };
}

function summaryText(input: BalanceSuggestionInput): string {
  const { request, plan } = input;
  const balance = plan.request as BalancePlanRequest;
  const lines = [
    `*CPU load standard deviation* ${balance.before.cpuStdDev.toFixed(3)} → ${balance.after.cpuStdDev.toFixed(3)} · *highest host load* ${pct(balance.before.maxCpuLoad)} → ${pct(balance.after.maxCpuLoad)}`,
    `${plural(plan.moves.length, 'online move')} in ${plural(plan.rounds.length, 'round')} · estimated ${formatDuration(plan.estimatedSeconds)}`,
    `_Inventory read ${slackDate(plan.inventoryCollectedAt)}. Suggested by ${request.requesterId === 'bot' ? 'the schedule' : `<@${esc(request.requesterId)}>`}._`,
  ];
  // Only the moves every approver approves run: once someone chose, the next approver should know.
  if (request.approvals.length > 0) {
    const covered = approvedByAll(request.approvals);
    const approvers = mentionList(request.approvals.map((approval) => approval.userId));
    lines.push(
      covered.length === plan.moves.length
        ? `_Approved so far by ${approvers}: every move._`
        : `_Approved so far by ${approvers}: ${covered.length === 0 ? 'no move in common' : `moves ${covered.map((index) => index + 1).join(', ')}`}. Only moves every approver approves run._`,
    );
  }
  return lines.join('\n');
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

interface SuggestionBody {
  readonly moves: string[];
  readonly commands: string[];
  readonly showsEveryCommand: boolean;
}

/** Moves with their reasons, then the command lines; the moves give way first (the checkboxes name them too). */
function fitBody(input: BalanceSuggestionInput, budget: TextBudget): SuggestionBody {
  const parts: BodyPart<'moves' | 'commands'>[] = [
    {
      name: 'moves',
      chunks: moveLines(input),
      leftOut: (count) =>
        `_…and ${plural(count, 'more line')} left out here (Slack's message limits); the checkboxes list every move._`,
    },
    {
      name: 'commands',
      chunks: commandTexts(input),
      leftOut: (count) =>
        `_…and ${plural(count, 'more command listing')} left out: this message does NOT show every command that runs._`,
    },
  ];
  const fitted = fitParts(parts, ['moves', 'commands'], budget);
  const [moves = [], commands = []] = fitted.byPart;
  return { moves, commands, showsEveryCommand: !fitted.cut.includes('commands') };
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

function commandTexts(input: BalanceSuggestionInput): string[] {
  return commandsByHost(input.plan).flatMap(([host, lines], index) => {
    const intro = index === 0 ? '*Commands* — exactly what runs, per host, in run order\n' : '';
    return codeTexts(`${intro}*on ${esc(host)}:*`, lines, {
      continued: `*on ${esc(host)} (continued):*`,
      overlong: 'wrap',
    });
  });
}

function checkboxGroups(input: BalanceSuggestionInput): Block[] {
  const { request, plan } = input;
  // Ticked at first: every move, or once someone approved, the moves every approval covers so far.
  const ticked = new Set(request.approvals.length > 0 ? approvedByAll(request.approvals) : plan.moves.keys());
  const groups: Block[] = [];
  for (let start = 0; start < plan.moves.length; start += OPTIONS_PER_CHECKBOXES) {
    const options = plan.moves.slice(start, start + OPTIONS_PER_CHECKBOXES).map((move, offset) => ({
      text: {
        type: 'mrkdwn' as const,
        text: clip(
          `${start + offset + 1}. ${esc(move.guest.name)} ${esc(move.source)} → ${esc(move.target)}`,
          LIMITS.optionText,
        ),
      },
      value: String(start + offset),
    }));
    const initial = options.filter((option) => ticked.has(Number(option.value)));
    const checkboxes: types.Checkboxes = {
      type: 'checkboxes',
      action_id: SELECT_MOVES_ACTION,
      options,
      // Nothing ticked: no initial_options at all rather than an empty list.
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    };
    groups.push({
      type: 'actions',
      block_id: selectBlockId(request.id, request.previewRevision, start / OPTIONS_PER_CHECKBOXES),
      elements: [checkboxes],
    });
  }
  return groups;
}

function buttons(input: BalanceSuggestionInput): Block {
  const { request, plan } = input;
  const hosts = [...new Set(plan.moves.map((move) => move.source))].join(', ');
  const value = decisionButtonValue(request);
  return actions(actionsBlockId(request.id, request.previewRevision), [
    button({
      actionId: 'approve',
      text: 'Approve all',
      value,
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
      value,
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
      value,
      confirm: {
        title: `Dismiss ${request.id}?`,
        text: 'Nothing runs. The same suggestion is not posted again until the load changes.',
        confirm: 'Dismiss',
        deny: 'Back',
      },
    }),
  ]);
}
