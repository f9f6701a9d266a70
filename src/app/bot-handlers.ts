/**
 * What the Slack adapter hands to the use-cases, and what it gets back: plain data, no Slack SDK types,
 * so the same handlers serve HTTP mode, Socket Mode and the sandbox's local workspace.
 */
import type { ChatMessage } from '../ports.ts';

export interface SlashCommandInput {
  /** The text after `/migrate`, exactly as Slack sent it (still escaped). */
  readonly text: string;
  readonly userId: string;
  readonly channelId: string;
  /** Unique per invocation; a redelivered command carries the same one. */
  readonly triggerId: string;
  readonly responseUrl: string;
}

export interface CommandOutcome {
  /** Sent with the acknowledgement, visible only to the requester. */
  readonly reply: ChatMessage;
  /** What continues after the acknowledgement (planning, posting the preview). */
  readonly work?: Promise<void>;
}

/** `approve_selected`: a balancing suggestion's Approve button for the moves ticked in its checkboxes. */
export type ActionId = 'approve' | 'approve_selected' | 'reject' | 'cancel';

export interface ActionInput {
  readonly action: ActionId;
  /** `req:<id>:v<version>` of the clicked message. */
  readonly blockId: string;
  /** The request id. */
  readonly value: string;
  readonly userId: string;
  readonly channelId: string;
  readonly messageTs: string;
  /** The move indexes ticked in the message's checkboxes (`select_moves`), when it has them. */
  readonly selectedMoves?: readonly number[];
}

export interface BotHandlers {
  handleCommand(input: SlashCommandInput): Promise<CommandOutcome>;
  /** Called after the acknowledgement; resolves when the click's immediate effect is done. */
  handleAction(input: ActionInput): Promise<void>;
}
