/**
 * The small interfaces the use-cases talk through (DESIGN §4). Adapters implement them; tests build
 * the same graph with real local servers and fakes, never module mocks.
 */

import type {
  AuditEntry,
  MoveRecord,
  MoveState,
  OutputLine,
  RequestRecord,
  RequestState,
} from './domain/workflow/records.ts';

export interface CommandResult {
  /** null when the remote side ended the command without an exit status (killed by a signal). */
  readonly exitCode: number | null;
  /** The signal that ended the command, in Node's spelling (`SIGTERM`, not `TERM`) whatever the transport. */
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  /**
   * Per-command timeout, counted from when the command is sent (waiting for a free connection or channel
   * does not count); on expiry the channel is closed and the call rejects with code `command_timeout`.
   */
  readonly timeoutMs?: number;
  /** Called for every complete stdout line as it arrives (without the newline). */
  readonly onStdoutLine?: (line: string) => void;
  readonly onStderrLine?: (line: string) => void;
}

/** Runs command lines on a VSP. Every line given here was rendered by domain/commands (quoted, allow-listed). */
export interface RemoteShell {
  exec(vsp: string, commandLine: string, options?: ExecOptions): Promise<CommandResult>;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ---------------------------------------------------------------------------------------------------
// The Slack flow (issue 3): durable state, chat and the workspace directory.

/** A request as created: the Store assigns `id`, `version` (0) and the moves' initial fields. */
export type RequestDraft = Omit<RequestRecord, 'id' | 'version'> & {
  /**
   * evacuate/return: the VSP the request names. Stored for `RequestFilter.vsp` only (an evacuation of an
   * empty host has no moves to match); not part of the record.
   */
  readonly vsp?: string;
};

/** A move as created (state `queued`, offset 0, `remoteDir` '' unless given). */
export type MoveDraft = Pick<MoveRecord, 'index' | 'round' | 'guest' | 'source' | 'target' | 'mode'> & {
  readonly remoteDir?: string;
};

export type CreateRequestResult =
  | { readonly kind: 'created'; readonly record: RequestRecord }
  /** The same trigger_id was seen before (Slack redelivered the command): nothing new is created. */
  | { readonly kind: 'duplicate'; readonly record: RequestRecord }
  /** A guest of this request is in another open request. */
  | { readonly kind: 'locked'; readonly guest: string; readonly heldBy: string };

/**
 * Fields a state change may set (everything else about a request is fixed when it is created).
 * In both patches an absent key leaves the field as it is; a key present with the value `undefined` clears
 * an optional field (`stateNote`, `previewTs`, …) and is ignored for a required one.
 */
export type RequestPatch = Partial<
  Pick<RequestRecord, 'state' | 'approvals' | 'previewTs' | 'stateNote' | 'closedAt' | 'planJson' | 'planHash'>
>;

export type MovePatch = Partial<
  Pick<
    MoveRecord,
    | 'state'
    | 'logOffset'
    | 'exitCode'
    | 'progress'
    | 'startedAt'
    | 'finishedAt'
    | 'verifiedLocation'
    | 'progressTs'
    | 'error'
    | 'remoteDir'
  >
>;

export interface RequestFilter {
  readonly states?: readonly RequestState[];
  readonly kind?: RequestRecord['kind'];
  /** Requests that move this guest. */
  readonly guest?: string;
  /** Requests with a move from or to this VSP (or an evacuation/return of it). */
  readonly vsp?: string;
  /** Newest first; at most this many. */
  readonly limit: number;
}

/**
 * Durable state (DESIGN §5): SQLite in one process; the port lets a shared database replace it.
 * Every state change of a request is a compare-and-set on its version, so two approvers, a double click
 * or two replicas can never both win.
 */
export interface Store {
  /**
   * Creates the request with its guests and moves in one transaction. An open request (pending) locks its
   * guests: creation fails with `locked` when another open request holds one of them.
   */
  createRequest(
    draft: RequestDraft,
    guests: readonly string[],
    moves: readonly MoveDraft[],
  ): Promise<CreateRequestResult>;
  getRequest(id: string): Promise<RequestRecord | undefined>;
  /** Applies the patch only if the stored version is `expectedVersion`; returns the new record, or undefined. */
  updateRequest(id: string, expectedVersion: number, patch: RequestPatch): Promise<RequestRecord | undefined>;
  listRequests(filter: RequestFilter): Promise<RequestRecord[]>;
  /** Guest → id of the open request that holds it. */
  guestLocks(): Promise<Map<string, string>>;
  getMoves(requestId: string): Promise<MoveRecord[]>;
  updateMove(requestId: string, index: number, patch: MovePatch): Promise<MoveRecord>;
  /** Applies the patch only while the move is in one of `from`; returns the new record, or undefined. */
  transitionMove(
    requestId: string,
    index: number,
    from: readonly MoveState[],
    patch: MovePatch,
  ): Promise<MoveRecord | undefined>;
  /** Moves left in starting/running/verifying: what a restarted bot must reattach to. */
  unfinishedMoves(): Promise<MoveRecord[]>;
  appendOutput(lines: readonly OutputLine[]): Promise<void>;
  getOutput(requestId: string, moveIndex: number): Promise<OutputLine[]>;
  /** Append-only. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** One sampling run's loads (all with the same `at`). */
  appendLoadSamples(samples: readonly LoadSample[]): Promise<void>;
  /** The newest `runs` sampling runs, newest first, each with its VSPs' samples. */
  recentLoadSamples(runs: number): Promise<LoadSample[][]>;
  listAudit(filter: { readonly requestId?: string; readonly limit: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/** A VSP's load at one sampling run (balancing needs imbalance sustained over several, not one spike). */
export interface LoadSample {
  readonly at: string;
  readonly vsp: string;
  /** Σ(usage × vCPUs) of running guests ÷ cores: 1.0 = every core busy. */
  readonly cpuLoad: number;
  readonly memoryUsedMb: number;
  readonly memoryMb: number;
}

/** A Slack message: fallback text (notifications, screen readers) and Block Kit blocks. */
export interface ChatMessage {
  readonly text: string;
  /** Block Kit blocks; typed loosely here so the domain never depends on Slack's types. */
  readonly blocks?: readonly object[];
}

export interface ChatPort {
  /** Posts in a channel (or a thread): at most one new post per second per channel, queued. */
  post(channel: string, message: ChatMessage, options?: { readonly threadTs?: string }): Promise<{ ts: string }>;
  /** Edits a message; rapid edits of one message are coalesced (the latest wins). */
  update(channel: string, ts: string, message: ChatMessage, options?: { readonly throttleMs?: number }): Promise<void>;
  postEphemeral(channel: string, user: string, message: ChatMessage): Promise<void>;
  /** Answers through a command's response_url (works where the bot is not a member). */
  respond(responseUrl: string, message: ChatMessage, options?: { readonly replaceOriginal?: boolean }): Promise<void>;
}

export interface Directory {
  /** Members of a Slack user group, or undefined when the workspace cannot say (free plan, no scope). */
  userGroupMembers(groupId: string): Promise<readonly string[] | undefined>;
}
