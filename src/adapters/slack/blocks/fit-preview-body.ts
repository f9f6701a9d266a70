/**
 * The middle of the preview — moves, blocked guests, commands, rounds — fitted into a budget of sections
 * and characters. Order of sacrifice, most expendable first: details of passed checks, guest
 * storage/vswitch lists, the rounds listing, move lines; command lines and failed checks go last, and
 * every cut is announced. Command lines left out are not lost: the bot posts the complete listing in the
 * thread (command-listing.ts).
 */
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { Plan } from '../../../domain/plan/plan-types.ts';
import { fitParts, type BodyPart } from './fit-parts.ts';
import { plural, pack, totalLength, type TextBudget } from './limits.ts';
import { codeTexts, esc } from './mrkdwn.ts';
import { blockedChunk, commandsByHost, moveChunk, passedCheckCount, roundChunks, type Detail } from './plan-text.ts';

type PartName = 'moves' | 'blocked' | 'commands' | 'rounds';
type Part = BodyPart<PartName>;

export interface PreviewBody {
  /** Section texts, in order. */
  readonly texts: string[];
  /** What was left out, as phrases for one notice; empty when everything is shown. */
  readonly leftOut: string[];
  /** False when some command lines had to be left out: the complete listing must go to the thread. */
  readonly showsEveryCommand: boolean;
  /** False when part of the blocked guests (and so some failed checks) had to be left out. */
  readonly showsEveryBlockedGuest: boolean;
}

/**
 * The richest level of detail whose body fits the budget whole; at the most compact level, what does not
 * fit is cut. A number is a budget of sections alone.
 */
export function fitPreviewBody(plan: Plan, budget: TextBudget | number): PreviewBody {
  const limit: TextBudget = typeof budget === 'number' ? { texts: budget, chars: Infinity } : budget;
  const levels: readonly Detail[] = ['full', 'collapsed', 'compact'];
  for (const detail of levels) {
    const parts = bodyParts(plan, detail);
    const packed = parts.map((part) => pack(part.chunks)).flat();
    if (detail !== 'compact' && (packed.length > limit.texts || totalLength(packed) > limit.chars)) continue;
    return trimToBudget(parts, limit, levelNotices(plan, detail));
  }
  // Unreachable: the last level always returns.
  return { texts: [], leftOut: [], showsEveryCommand: false, showsEveryBlockedGuest: false };
}

function bodyParts(plan: Plan, detail: Detail): Part[] {
  const moves = plan.moves.map((move, index) => moveChunk(move, index, detail));
  const blocked = plan.blocked.map((guest) => blockedChunk(guest, detail));
  const hosts = commandsByHost(plan);
  const commands = hosts.flatMap(([host, lines], index) => {
    const intro = index === 0 ? '*Commands* — exactly what runs, per host, in run order\n' : '';
    // Wrapped, not clipped: the preview shows exactly what runs, or says it does not.
    return codeTexts(`${intro}*on ${esc(host)}:*`, lines, {
      continued: `*on ${esc(host)} (continued):*`,
      overlong: 'wrap',
    });
  });
  const rounds = roundChunks(plan);
  return [
    {
      name: 'moves',
      chunks: moves.length > 0 ? [`*Moves* (${plan.moves.length})`, ...moves] : [],
      leftOut: (count) => `_…and ${plural(count, 'more move')} left out here (Slack's message limits)._`,
    },
    {
      name: 'blocked',
      chunks: blocked.length > 0 ? [`*Cannot be moved* (${plan.blocked.length})`, ...blocked] : [],
      leftOut: (count) => `_…and ${plural(count, 'more blocked guest')} left out here (Slack's message limits)._`,
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
      leftOut: (count) => `_…and ${plural(count, 'more round')} left out here (Slack's message limits)._`,
    },
  ];
}

function levelNotices(plan: Plan, detail: Detail): string[] {
  if (detail === 'full') return [];
  const notices = [`the details of ${plural(passedCheckCount(plan), 'passed check')} (each move shows the count)`];
  if (detail === 'compact') notices.push("the guests' storage and vswitch lists");
  return notices;
}

/** Cuts the most expendable parts first until the body fits; each cut part ends with its notice. */
function trimToBudget(parts: Part[], budget: TextBudget, notices: string[]): PreviewBody {
  const fitted = fitParts(parts, ['rounds', 'moves', 'commands', 'blocked'], budget);
  const leftOut = [
    ...notices,
    ...fitted.cut.map((name) =>
      name === 'commands' ? 'some command lines (see the notice above)' : `part of the ${name} listing`,
    ),
  ];
  return {
    texts: fitted.texts,
    leftOut,
    showsEveryCommand: !fitted.cut.includes('commands'),
    showsEveryBlockedGuest: !fitted.cut.includes('blocked'),
  };
}
