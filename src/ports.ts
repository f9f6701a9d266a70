/**
 * The small interfaces the use-cases talk through (docs/architecture.md, "Layers"): inbound (what the chat
 * adapter hands to the bot) and outbound (remote shell, store, chat, directory, presenter, clock).
 * Adapters implement them; tests build the same graph with real local servers or the in-memory
 * implementations in test/support/memory, never module mocks.
 */
import type {
  ClickRefusal,
  LockConflict,
  OperatorError,
  MoveStarted,
  MoveVerified,
  MoveFailure,
  MoveCancelled,
  MoveAttention,
  MoveSettled,
  MovesNotSelected,
  RequestSummary,
  PreviewInput,
  ProgressInput,
  RequestStatus,
  RequestStatusInput,
  RequestListInput,
  HistoryInput,
  BalanceSuggestionInput,
} from './domain/reports.ts';
import type { UsageError } from './domain/request.ts';
import type { Plan } from './domain/plan/plan-types.ts';
import type { MoveProgressChange, WorkflowChange } from './domain/workflow/changes.ts';
import type {
  AuditEntry,
  MoveRecord,
  OutputLine,
  RequestKind,
  RequestRecord,
  RequestState,
  Workflow,
} from './domain/workflow/records.ts';

// --- remote execution and time ---------------------------------------------------------------------

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

// --- durable state ---------------------------------------------------------------------------------

/** A request as created: the Store assigns `id`, `version` (0) and `previewRevision` (0). */
export type RequestDraft = Omit<RequestRecord, 'id' | 'version' | 'previewRevision' | 'previewTs'> & {
  /** The guests the request is about (moved or refused), for `history <vm>`; locks come from the moves. */
  readonly guests: readonly string[];
  /**
   * evacuate/return: the VSP the request names. Stored for `RequestFilter.vsp` only (an evacuation of an
   * empty host has no moves to match); not part of the record.
   */
  readonly vsp?: string;
};

/** A move as created: state `queued`, offset 0, no remote folder yet. */
export type MoveDraft = Pick<MoveRecord, 'index' | 'round' | 'guest' | 'source' | 'target' | 'mode'>;

export type CreateRequestResult =
  | { readonly kind: 'created'; readonly workflow: Workflow }
  /** The same trigger_id was seen before (Slack redelivered the command): nothing new is created. */
  | { readonly kind: 'duplicate'; readonly record: RequestRecord }
  /** A guest of this request has an unfinished move in another request. */
  | { readonly kind: 'locked'; readonly guest: string; readonly heldBy: string };

export interface RequestFilter {
  readonly states?: readonly RequestState[];
  readonly kind?: RequestKind;
  /** Requests that move this guest. */
  readonly guest?: string;
  /** Requests with a move from or to this VSP (or an evacuation/return of it). */
  readonly vsp?: string;
  /** Newest first; at most this many. */
  readonly limit: number;
}

/** An audit row as stored: its place in the append-only chain and the hashes that link it. */
export interface ChainedAuditEntry extends AuditEntry {
  readonly seq: number;
  /** The previous row's hash ('' for the first row of the chain). */
  readonly prevHash: string;
  /** sha256 of prevHash and this row's canonical content (adapters/store/audit-chain.ts). */
  readonly hash: string;
}

/**
 * Durable state: SQLite in one process; the port lets a shared database replace it. State changes happen
 * only through `commit`, a compare-and-set on the request's version that writes the request, its moves and
 * the transition's audit row in one transaction: two approvers, a double click or two replicas can never
 * both win, and no state change is ever without its audit row.
 */
export interface Store {
  /**
   * Creates the request, its moves (state `queued`) and its `request.created` audit row in one transaction.
   * Fails with `locked` when another request has an unfinished move of one of these guests.
   */
  createRequest(draft: RequestDraft, moves: readonly MoveDraft[], audit: AuditEntry): Promise<CreateRequestResult>;
  getRequest(id: string): Promise<RequestRecord | undefined>;
  getWorkflow(id: string): Promise<Workflow | undefined>;
  listRequests(filter: RequestFilter): Promise<RequestRecord[]>;
  /**
   * Applies one transition if the request's version is still `expectedVersion` (raising it by one) and
   * appends `audit` in the same transaction. Undefined, with nothing written, when the version moved on.
   */
  commit(
    requestId: string,
    expectedVersion: number,
    change: WorkflowChange,
    audit: AuditEntry,
  ): Promise<Workflow | undefined>;
  /** Following a move: log offset, phase and percent, progress message. Never a state. */
  recordProgress(requestId: string, index: number, change: MoveProgressChange): Promise<MoveRecord>;
  /** Guest → id of the request holding it: every guest with a move that is not final is locked. */
  guestLocks(): Promise<Map<string, string>>;
  /** Moves past `queued` and not final (starting, running, verifying, needs_attention), oldest request first. */
  movesInFlight(): Promise<MoveRecord[]>;
  appendOutput(lines: readonly OutputLine[]): Promise<void>;
  /** A move's output, oldest first; with `last`, only the newest that many lines. */
  getOutput(requestId: string, moveIndex: number, options?: { readonly last?: number }): Promise<OutputLine[]>;
  /** Audit rows that are not transitions (refusals, usage errors): append-only, chained like every row. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(filter: { readonly requestId?: string; readonly limit: number }): Promise<AuditEntry[]>;
  /** The whole chain in order (oldest first), from `since` (ISO time) on: for `audit verify` and `audit export`. */
  readAuditChain(filter?: { readonly since?: string }): Promise<ChainedAuditEntry[]>;
  /** One sampling run's loads (all with the same `at`). */
  appendLoadSamples(samples: readonly LoadSample[]): Promise<void>;
  /** The newest `runs` sampling runs, newest first, each with its VSPs' samples. */
  recentLoadSamples(runs: number): Promise<LoadSample[][]>;
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

// --- chat --------------------------------------------------------------------------------------------

/** A Slack message: fallback text (notifications, screen readers) and Block Kit blocks. */
export interface ChatMessage {
  readonly text: string;
  /** Block Kit blocks; typed loosely here so the use-cases never depend on Slack's types. */
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

// --- inbound: what the chat adapter hands to the bot (plain data, no Slack SDK types) -----------------

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
  /** The request the button belongs to (from its value). */
  readonly requestId: string;
  /** The revision in the buttons' block_id; undefined when the block id is not the bot's. */
  readonly revision: number | undefined;
  /** The plan hash prefix the button carried in its value, when it did. */
  readonly planHashPrefix?: string;
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

// --- the presenter: use-case data in, chat messages out ------------------------------------------------

export type * from './domain/reports.ts';

/** A preview as rendered: whether it shows every command line that would run (else the thread must). */
export interface PreviewMessage extends ChatMessage {
  readonly showsEveryCommand: boolean;
}

export type PreviewOf<T> = Omit<T, 'approvers' | 'requesterMayApprove'>;

export interface Presenter {
  balanceSuggestion(input: BalanceSuggestionInput): PreviewMessage;
  usageError(error: UsageError): ChatMessage;
  help(): ChatMessage;
  /** A short notice (e.g. "checking…"), escaped. */
  notice(text: string): ChatMessage;
  error(error: OperatorError): ChatMessage;
  refusal(refusal: ClickRefusal): ChatMessage;
  lockConflict(conflict: LockConflict): ChatMessage;
  /** `approvers` and `requesterMayApprove` come from the presenter's own configuration. */
  preview(input: PreviewOf<PreviewInput>): PreviewMessage;
  previewWithStatus(input: PreviewOf<PreviewInput>, status: RequestStatus): ChatMessage;
  /** Every command line of the plan, per host, as thread replies within Slack's limits. */
  commandListing(plan: Plan, requestId: string): ChatMessage[];
  progress(input: ProgressInput): ChatMessage;
  moveStarted(input: MoveStarted): ChatMessage;
  moveVerified(input: MoveVerified): ChatMessage;
  moveFailed(input: MoveFailure): ChatMessage;
  moveCancelled(input: MoveCancelled): ChatMessage;
  moveNeedsAttention(input: MoveAttention): ChatMessage;
  moveSettled(input: MoveSettled): ChatMessage;
  movesNotSelected(input: MovesNotSelected): ChatMessage;
  requestSummary(input: RequestSummary): ChatMessage;
  requestStatus(input: RequestStatusInput): ChatMessage;
  requestList(input: RequestListInput): ChatMessage;
  history(input: HistoryInput): ChatMessage;
}
