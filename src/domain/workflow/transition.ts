/**
 * The one state machine of requests and moves. Every path of the bot asks it what an event does to a
 * request as stored now: `transition(workflow, event, now)` answers the change to store (with its one
 * audit row) and the effects to carry out, or refuses with a reason. Pure: no I/O, no clock of its own.
 * The table of states and events is in docs/architecture.md, "States and events".
 */
import type { WorkflowEvent } from './events.ts';
import {
  moveChecked,
  moveExited,
  moveLost,
  moveReattached,
  moveSettled,
  moveStart,
  moveStarted,
  resolve,
} from './move-transitions.ts';
import { isOpen, type Workflow } from './records.ts';
import {
  approve,
  cancel,
  closedReason,
  expire,
  previewFailed,
  previewPosted,
  recheckPassed,
  reject,
  sealBroken,
  supersede,
} from './request-transitions.ts';
import { refuse, type TransitionResult } from './transition-types.ts';

export function transition(workflow: Workflow, event: WorkflowEvent, now: Date): TransitionResult {
  // A closed request is history: no event leads out of a final state.
  if (!isOpen(workflow.request.state))
    return refuse('wrong_state', closedReason(workflow.request.id, workflow.request.state));
  switch (event.type) {
    case 'preview_posted':
      return previewPosted(workflow, event, now);
    case 'preview_failed':
      return previewFailed(workflow, event, now);
    case 'approve':
      return approve(workflow, event, now);
    case 'reject':
      return reject(workflow, event, now);
    case 'cancel':
      return cancel(workflow, event, now);
    case 'expire':
      return expire(workflow, now);
    case 'recheck_passed':
      return recheckPassed(workflow, now);
    case 'supersede':
      return supersede(workflow, event, now);
    case 'seal_broken':
      return sealBroken(workflow, event, now);
    case 'move_start':
      return moveStart(workflow, event, now);
    case 'move_started':
      return moveStarted(workflow, event, now);
    case 'move_exited':
      return moveExited(workflow, event, now);
    case 'move_checked':
      return moveChecked(workflow, event, now);
    case 'move_lost':
      return moveLost(workflow, event, now);
    case 'move_reattached':
      return moveReattached(workflow, event, now);
    case 'move_settled':
      return moveSettled(workflow, event, now);
    case 'resolve':
      return resolve(workflow, event, now);
  }
}
