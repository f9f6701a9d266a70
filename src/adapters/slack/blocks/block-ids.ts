/**
 * The ids and values that bind a click to the stored preview, written and read in one place: the
 * builders format them, slack-app.ts parses what Slack sends back. A button's value and block_id are
 * visible to and sendable by anyone who sees the message (docs/slack-platform.md, "Interactivity:
 * block_actions"), so parsing only says which request and revision a click claims; the bot checks the
 * claim against the store before anything happens.
 *
 *   req:<requestId>:v<revision>              the buttons (actions block)
 *   sel:<requestId>:v<revision>:<group>      a balancing suggestion's checkboxes, ten moves per group
 *   status:<requestId>:v<revision>           the status line that replaces the buttons
 *   <requestId>@<first 16 hex of planHash>   Approve / Approve all / Approve selected / Reject
 *   <requestId>                              Cancel (it stops what runs, whatever plan that is)
 */
import { PLAN_HASH_PREFIX_LENGTH } from '../../../domain/workflow/approval.ts';
import type { RequestRecord } from '../../../domain/workflow/records.ts';

/** The action_id of a balancing suggestion's checkboxes: ticking one only changes the client's state. */
export const SELECT_MOVES_ACTION = 'select_moves';

/** Request ids as the store assigns them; a click naming anything else is not for this bot. */
const REQUEST_ID = '(REQ-[0-9]+)';
/** Far beyond any real revision, and small enough that Number() stays exact. */
const REVISION = '(0|[1-9][0-9]{0,8})';

const ACTIONS_BLOCK_ID = new RegExp(`^req:${REQUEST_ID}:v${REVISION}$`);
const SELECT_BLOCK_ID = new RegExp(`^sel:${REQUEST_ID}:v${REVISION}:(0|[1-9][0-9]{0,3})$`);
const BUTTON_VALUE = new RegExp(`^${REQUEST_ID}(?:@([0-9a-f]{${PLAN_HASH_PREFIX_LENGTH}}))?$`);

export function actionsBlockId(requestId: string, revision: number): string {
  return `req:${requestId}:v${revision}`;
}

export function selectBlockId(requestId: string, revision: number, group: number): string {
  return `sel:${requestId}:v${revision}:${group}`;
}

export function statusBlockId(requestId: string, revision: number): string {
  return `status:${requestId}:v${revision}`;
}

/** The value of the buttons that decide on a plan: the approval is bound to the plan the approver saw. */
export function decisionButtonValue(request: Pick<RequestRecord, 'id' | 'planHash'>): string {
  return `${request.id}@${request.planHash.slice(0, PLAN_HASH_PREFIX_LENGTH)}`;
}

export function cancelButtonValue(requestId: string): string {
  return requestId;
}

export interface ActionBlockRef {
  readonly requestId: string;
  readonly revision: number;
}

/** The request and revision of a buttons block; undefined when the block id is not one of ours. */
export function parseActionBlockId(blockId: string): ActionBlockRef | undefined {
  const match = ACTIONS_BLOCK_ID.exec(blockId);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { requestId: match[1], revision: Number(match[2]) };
}

/** A checkboxes block of a balancing suggestion; undefined when the block id is not one of ours. */
export function parseSelectBlockId(blockId: string): (ActionBlockRef & { readonly group: number }) | undefined {
  const match = SELECT_BLOCK_ID.exec(blockId);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return { requestId: match[1], revision: Number(match[2]), group: Number(match[3]) };
}

export interface ButtonValue {
  readonly requestId: string;
  /** Absent for Cancel, which carries the request id alone. */
  readonly planHashPrefix?: string;
}

/**
 * The request a button belongs to and, for the decision buttons, the plan it showed. Undefined when the
 * value is not one the bot writes (another request id form, a malformed hash): such a click is not ours.
 */
export function parseButtonValue(value: string): ButtonValue | undefined {
  const match = BUTTON_VALUE.exec(value);
  if (match?.[1] === undefined) return undefined;
  return match[2] === undefined ? { requestId: match[1] } : { requestId: match[1], planHashPrefix: match[2] };
}
