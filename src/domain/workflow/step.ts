/**
 * Builds one transition: the changes to the request and its moves, the effects, and — because a request
 * closes when its last move reaches a final state, whatever event got it there — the closing itself.
 */
import { applyChange, type AuditDraft, type MoveChange, type RequestChange, type WorkflowChange } from './changes.ts';
import { isFinalMove, type MoveRecord, type RequestState, type Workflow } from './records.ts';
import type { Effect, Transition } from './transition-types.ts';

export class Step {
  private readonly request: RequestChange = {};
  private readonly moves = new Map<number, MoveChange>();
  private readonly effects: Effect[] = [];

  constructor(
    private readonly workflow: Workflow,
    private readonly now: Date,
  ) {}

  setRequest(change: RequestChange): this {
    Object.assign(this.request, change);
    return this;
  }

  setMove(index: number, change: MoveChange): this {
    this.moves.set(index, { ...this.moves.get(index), ...change });
    return this;
  }

  effect(effect: Effect): this {
    const duplicate = this.effects.some((existing) => JSON.stringify(existing) === JSON.stringify(effect));
    if (!duplicate) this.effects.push(effect);
    return this;
  }

  /**
   * The preview is re-rendered with buttons of a new revision (the version this step gives the request),
   * so clicks on the buttons as they were before are refused as stale.
   */
  rerender(): this {
    return this.setRequest({ previewRevision: this.workflow.request.version + 1 }).effect({ kind: 'show_status' });
  }

  /** The move as this step leaves it. */
  move(index: number): MoveRecord | undefined {
    const move = this.workflow.moves.find((candidate) => candidate.index === index);
    return move ? { ...move, ...this.moves.get(index) } : undefined;
  }

  /** Every queued move becomes cancelled with this reason; returns their indexes. */
  cancelQueued(reason: string): number[] {
    const indexes: number[] = [];
    for (const move of this.workflow.moves) {
      if (this.move(move.index)?.state !== 'queued') continue;
      this.setMove(move.index, { state: 'cancelled', error: reason, finishedAt: this.now.toISOString() });
      indexes.push(move.index);
    }
    return indexes;
  }

  /** Closes a request whose moves are all final; otherwise leaves it as it is. */
  private closeWhenDone(change: WorkflowChange): WorkflowChange {
    const next = applyChange(this.workflow, change);
    const { state } = next.request;
    if (state !== 'running' && state !== 'needs_attention') return change;
    if (!next.moves.every((move) => isFinalMove(move.state))) return change;
    const ran = next.moves.filter((move) => move.state !== 'not_selected');
    const closed: RequestState = ran.some((move) => move.state === 'failed')
      ? 'failed'
      : ran.every((move) => move.state === 'succeeded')
        ? 'completed'
        : 'cancelled';
    this.rerender().effect({ kind: 'summarize' });
    return {
      ...change,
      request: {
        ...change.request,
        state: closed,
        closedAt: this.now.toISOString(),
        previewRevision: this.workflow.request.version + 1,
        ...(closed === 'cancelled' && next.request.stateNote === undefined ? { stateNote: 'the bot' } : {}),
      },
    };
  }

  build(audit: AuditDraft): Transition {
    const draft: WorkflowChange = {
      request: { ...this.request },
      moves: [...this.moves].map(([index, change]) => ({ index, change })),
    };
    const change = this.closeWhenDone(draft);
    return { ok: true, change, next: applyChange(this.workflow, change), audit, effects: [...this.effects] };
  }
}
