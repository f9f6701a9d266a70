/**
 * The middle of the preview — moves, blocked guests, commands, rounds — fitted into a block budget.
 * Order of sacrifice, most expendable first: details of passed checks, guest storage/vswitch lists, the
 * rounds listing, move lines; command lines and failed checks go last, and every cut is announced.
 */
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { Plan } from '../../../domain/plan/plan-types.ts';
import { plural, pack, packWithin } from './limits.ts';
import { codeTexts, esc } from './mrkdwn.ts';
import { blockedChunk, commandsByHost, moveChunk, passedCheckCount, roundChunks, type Detail } from './plan-text.ts';

/** Above this much text the preview stops listing passed checks: approvers must be able to read it. */
export const PREVIEW_SOFT_CHARS = 12_000;

interface Part {
  readonly name: 'moves' | 'blocked' | 'commands' | 'rounds';
  readonly chunks: readonly string[];
  readonly leftOut: (count: number) => string;
}

export interface PreviewBody {
  /** Section texts, in order. */
  readonly texts: string[];
  /** What was left out, as phrases for one notice; empty when everything is shown. */
  readonly leftOut: string[];
}

/** The richest level of detail whose body fits `maxSections` sections and the soft size. */
export function fitPreviewBody(plan: Plan, maxSections: number): PreviewBody {
  const levels: readonly Detail[] = ['full', 'collapsed', 'compact'];
  for (const detail of levels) {
    const parts = bodyParts(plan, detail);
    const packed = parts.map((part) => pack(part.chunks));
    const sectionCount = packed.reduce((sum, texts) => sum + texts.length, 0);
    const chars = packed.flat().reduce((sum, text) => sum + text.length, 0);
    if (detail !== 'compact' && (sectionCount > maxSections || chars > PREVIEW_SOFT_CHARS)) continue;
    return trimToBudget(parts, packed, maxSections, levelNotices(plan, detail));
  }
  // Unreachable: the last level always returns.
  return { texts: [], leftOut: [] };
}

function bodyParts(plan: Plan, detail: Detail): Part[] {
  const moves = plan.moves.map((move, index) => moveChunk(move, index, detail));
  const blocked = plan.blocked.map((guest) => blockedChunk(guest, detail));
  const hosts = commandsByHost(plan);
  const commands = hosts.flatMap(([host, lines], index) => {
    const intro = index === 0 ? '*Commands* — exactly what runs, per host, in run order\n' : '';
    return codeTexts(`${intro}*on ${esc(host)}:*`, lines, { continued: `*on ${esc(host)} (continued):*` });
  });
  const rounds = roundChunks(plan);
  return [
    {
      name: 'moves',
      chunks: moves.length > 0 ? [`*Moves* (${plan.moves.length})`, ...moves] : [],
      leftOut: (count) => `_…and ${plural(count, 'more move')} left out here (Slack's block limit)._`,
    },
    {
      name: 'blocked',
      chunks: blocked.length > 0 ? [`*Cannot be moved* (${plan.blocked.length})`, ...blocked] : [],
      leftOut: (count) => `_…and ${plural(count, 'more blocked guest')} left out here (Slack's block limit)._`,
    },
    {
      name: 'commands',
      chunks: commands,
      leftOut: (count) =>
        `_…and ${plural(count, 'more command listing')} left out: this preview does NOT show every command that runs._`,
    },
    {
      name: 'rounds',
      chunks:
        rounds.length > 0
          ? [
              `*Rounds* — at most one online migration per VSP at a time`,
              ...rounds,
              `*Estimated duration:* ${formatDuration(plan.estimatedSeconds)}`,
            ]
          : [],
      leftOut: (count) => `_…and ${plural(count, 'more round')} left out here (Slack's block limit)._`,
    },
  ];
}

function levelNotices(plan: Plan, detail: Detail): string[] {
  if (detail === 'full') return [];
  const notices = [`the details of ${plural(passedCheckCount(plan), 'passed check')} (each move shows the count)`];
  if (detail === 'compact') notices.push("the guests' storage and vswitch lists");
  return notices;
}

/** Cuts the most expendable parts first until the sections fit; each cut part ends with its notice. */
function trimToBudget(parts: Part[], packed: string[][], maxSections: number, notices: string[]): PreviewBody {
  const total = packed.reduce((sum, texts) => sum + texts.length, 0);
  let excess = total - maxSections;
  const order: readonly Part['name'][] = ['rounds', 'moves', 'commands', 'blocked'];
  const result = [...packed];
  const leftOut = [...notices];
  for (const name of order) {
    if (excess <= 0) break;
    const index = parts.findIndex((part) => part.name === name);
    const part = parts[index];
    const current = result[index];
    if (part === undefined || current === undefined || current.length === 0) continue;
    const allowed = Math.max(1, current.length - excess);
    if (allowed >= current.length) continue;
    const trimmed = packWithin(part.chunks, allowed, part.leftOut);
    result[index] = trimmed;
    excess -= current.length - trimmed.length;
    leftOut.push(name === 'commands' ? 'some command lines (see the notice above)' : `part of the ${name} listing`);
  }
  return { texts: result.flat(), leftOut };
}
