/**
 * The preview (docs/architecture.md, "Chat surface"): a channel message with everything an approver
 * needs — who asks and why, each guest and its checks, the exact command lines per host, rounds,
 * duration, who may approve, expiry — and Approve / Reject buttons, or a line saying why there are none.
 * When Slack's limits leave command lines out, it says so next to the buttons and reports
 * `showsEveryCommand: false`, so the bot posts the complete listing in the thread before anyone can approve.
 */
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { Plan } from '../../../domain/plan/plan-types.ts';
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import {
  actions,
  blocksTextLength,
  button,
  context,
  header,
  message,
  section,
  sections,
  type Block,
  type BlockPreview,
} from './block-parts.ts';
import { actionsBlockId, decisionButtonValue, statusBlockId } from './block-ids.ts';
import { commandListingNote } from './command-listing.ts';
import { LIMITS, plural } from './limits.ts';
import { esc, inlineCode, mentionList, slackDate, userMention } from './mrkdwn.ts';
import { fitPreviewBody, type PreviewBody } from './fit-preview-body.ts';
import { checkLine, distinctFixes, failedChecks, requestTitle } from './plan-text.ts';
import type { PreviewInput } from '../../../ports.ts';

/** Blocks the status line may add when it replaces the buttons (a status section plus Cancel). */
const STATUS_RESERVE = 1;
/** Characters the status line and Cancel may add then (a superseded note, ten guest names, …). */
const STATUS_CHARS_RESERVE = 1200;
/** Characters of the notice saying what was left out. */
const NOTICE_CHARS_RESERVE = 600;
const FIXES_SHOWN = 5;

export function buildPreview(input: PreviewInput): BlockPreview {
  const { request, plan } = input;
  const head: Block[] = [header(`${request.id} · ${requestTitle(plan.request)}`), section(introText(input))];
  if (plan.checks.length > 0) head.push(...sections(['*Request checks*', ...plan.checks.map(checkLine)]));
  const approvable = canApprove(plan);
  const approval = approvable ? [context(approvalContext(input))] : [];
  const control = controlBlocks(input);
  const budget = {
    texts: LIMITS.blocksPerMessage - head.length - approval.length - control.length - STATUS_RESERVE - 1,
    chars:
      LIMITS.messageBlocksText -
      blocksTextLength([...head, ...approval, ...control]) -
      STATUS_CHARS_RESERVE -
      NOTICE_CHARS_RESERVE,
  };
  let body = fitPreviewBody(plan, budget);
  // Approvers must learn, next to the buttons, that the thread has what this message lacks: that note
  // takes its room from the body.
  const note = approvable && !body.showsEveryCommand ? [commandListingNote()] : [];
  if (note.length > 0)
    body = fitPreviewBody(plan, { texts: budget.texts - 1, chars: budget.chars - blocksTextLength(note) });
  const notice = body.leftOut.length > 0 ? [section(leftOutText(body))] : [];
  const blocks = [...head, ...body.texts.map((text) => section(text)), ...notice, ...approval, ...note, ...control];
  const built = message(fallbackText(input), blocks);
  // message() cuts only what the budget above failed to foresee; if it did, the listing cannot be trusted.
  return { ...built, showsEveryCommand: body.showsEveryCommand && built.blocks.length === blocks.length };
}

function leftOutText(body: PreviewBody): string {
  const checks = body.showsEveryBlockedGuest
    ? 'Every failed check is shown.'
    : 'Some blocked guests and their failed checks are left out too: fix the ones shown, or ask for fewer guests at a time.';
  return `_Left out to fit Slack's message limits: ${body.leftOut.join('; ')}. ${checks}_`;
}

function isCheckOnly(plan: Plan): boolean {
  return plan.request.kind === 'migrate' && plan.request.checkOnly;
}

function canApprove(plan: Plan): boolean {
  return plan.ok && plan.moves.length > 0 && !isCheckOnly(plan);
}

function reasonOf(input: PreviewInput): string | undefined {
  if (input.request.reason !== undefined) return input.request.reason;
  return input.plan.request.kind === 'migrate' ? input.plan.request.reason : undefined;
}

function introText(input: PreviewInput): string {
  const { request, plan } = input;
  const reason = reasonOf(input);
  const lines = [
    `*Requested by* ${userMention(request.requesterId)}: ${inlineCode(truncateForEcho(request.text, 300))}`,
    ...(reason === undefined ? [] : [`*Reason:* ${esc(truncateForEcho(reason, 500))}`]),
    verdictText(plan),
    `_Inventory read ${slackDate(plan.inventoryCollectedAt)}._`,
  ];
  return lines.join('\n');
}

function verdictText(plan: Plan): string {
  const prefix = isCheckOnly(plan) ? '*Check only* (`--check`), nothing runs. ' : '';
  if (plan.ok) {
    if (plan.moves.length === 0) return `${prefix}*Nothing to move.*`;
    const moves = `${plural(plan.moves.length, 'move')} in ${plural(plan.rounds.length, 'round')}`;
    const downtime = plan.moves.filter((move) => move.downtime).length;
    const downtimeText = downtime > 0 ? ` · *${plural(downtime, 'guest')} with DOWNTIME*` : '';
    return `${prefix}*Ready:* ${moves}${downtimeText} · estimated ${formatDuration(plan.estimatedSeconds)}`;
  }
  const failedRequestChecks = plan.checks.filter((check) => !check.ok).length;
  const reasons = [
    failedRequestChecks > 0 ? `${plural(failedRequestChecks, 'request check')} failed` : '',
    plan.blocked.length > 0 ? `${plural(plan.blocked.length, 'guest')} cannot be moved` : '',
  ].filter((text) => text !== '');
  return `${prefix}*Blocked:* ${reasons.join(', ')} (${plural(plan.moves.length, 'move')} possible)`;
}

function approvalContext(input: PreviewInput): string[] {
  const { request, now } = input;
  const self = input.requesterMayApprove === true ? '' : ' (not the requester)';
  const given = request.approvals.map((approval) => approval.userId);
  const needs = `Needs ${plural(request.approvalsRequired, 'approval')}${given.length > 0 ? `; ${given.length} given by ${mentionList(given)}` : ''}`;
  return [`*Who may approve:* ${input.approvers}${self}`, needs, expiryText(request.expiresAt, now)];
}

function expiryText(expiresAt: string, now: Date): string {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (Number.isNaN(ms)) return `Expires ${esc(expiresAt)}`;
  const relative = ms > 0 ? `in ${formatDuration(ms / 1000)}` : `${formatDuration(-ms / 1000)} ago`;
  return `${ms > 0 ? 'Expires' : 'Expired'} ${slackDate(expiresAt)} (${relative})`;
}

function controlBlocks(input: PreviewInput): Block[] {
  const { request, plan } = input;
  if (canApprove(plan)) return [approvalButtons(input)];
  const id = statusBlockId(request.id, request.previewRevision);
  if (isCheckOnly(plan) && plan.ok)
    return [
      section('*Check only:* no buttons, nothing runs. Ask again without `--check` to get an approvable preview.', id),
    ];
  if (plan.ok) return [section('*Nothing to run:* no buttons.', id)];
  return [section(blockedText(plan), id)];
}

/** Why there are no buttons, and the fixes — each once, however many guests share it. */
function blockedText(plan: Plan): string {
  const failedCount = failedChecks(plan).length;
  const lead = isCheckOnly(plan) ? '*Check only, and blocked:*' : '*Blocked:*';
  const lines = [
    `${lead} no buttons — nothing can run until ${plural(failedCount, 'failed check')} ${failedCount === 1 ? 'is' : 'are'} fixed.`,
  ];
  const fixes = distinctFixes(plan);
  if (fixes.length === 0) return [...lines, 'See the failed checks above.'].join('\n');
  lines.push('Fix first, then ask again:', ...fixes.slice(0, FIXES_SHOWN).map((fix) => `• ${esc(fix)}`));
  if (fixes.length > FIXES_SHOWN)
    lines.push(`• …and ${plural(fixes.length - FIXES_SHOWN, 'more fix', 'more fixes')} above`);
  return lines.join('\n');
}

/** `vm01, vm02, vm03 and 4 more`. */
function someNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function approvalButtons(input: PreviewInput): Block {
  const { request, plan } = input;
  const hosts = [...new Set(plan.moves.map((move) => move.source))];
  const downtime = plan.moves.filter((move) => move.downtime).map((move) => move.guest.name);
  const moves = someNames(plan.moves.map((move) => `${move.guest.name} → ${move.target} ${move.mode}`));
  // The same buttons serve every approver (withStatus keeps them), so the text must not count approvals.
  const last = request.approvalsRequired <= 1;
  const approveText = [
    last ? '' : `It runs once ${request.approvalsRequired} approvals are in.`,
    `Runs ${plural(plan.moves.length, 'hpvmmigrate migration')} on ${hosts.join(', ')}: ${moves}.`,
    downtime.length > 0 ? `*DOWNTIME* for ${someNames(downtime)}.` : '',
    'The inventory is re-read first; if anything changed, nothing runs.',
  ].filter((text) => text !== '');
  return actions(actionsBlockId(request.id, request.previewRevision), [
    button({
      actionId: 'approve',
      text: 'Approve',
      value: decisionButtonValue(request),
      style: 'primary',
      confirm: {
        title: last ? `Run ${request.id}?` : `Approve ${request.id}?`,
        text: esc(approveText.join(' ')),
        confirm: last ? 'Approve and run' : 'Approve',
        deny: 'Back',
        style: 'primary',
      },
    }),
    button({
      actionId: 'reject',
      text: 'Reject',
      value: decisionButtonValue(request),
      style: 'danger',
      confirm: {
        title: `Reject ${request.id}?`,
        text: `Nothing runs: ${esc(request.id)} is closed and its guests are unlocked.`,
        confirm: 'Reject',
        deny: 'Back',
        style: 'danger',
      },
    }),
  ]);
}

function fallbackText(input: PreviewInput): string {
  const { request, plan } = input;
  const state = canApprove(plan)
    ? 'waiting for approval'
    : isCheckOnly(plan)
      ? 'check only'
      : plan.ok
        ? 'nothing to run'
        : 'blocked';
  return `${esc(request.id)}: ${esc(requestTitle(plan.request))} — ${state}`;
}
