/**
 * Everything the Slack flow's use-cases work with, injected once by the composition root (main.ts) or a
 * test: the ports, the clock, the logger and the settings. No use-case reaches for a global.
 */
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { TemplateTable } from '../domain/commands/command-templates.ts';
import type { ApprovalPolicy } from '../domain/workflow/approval.ts';
import type { PlanSettings, VspSettings } from '../domain/vsp-settings.ts';
import type { ChatPort, Clock, Directory, Presenter, RemoteShell, Store } from '../ports.ts';

/** The configuration the use-cases read; the config file's AppConfig satisfies it as it is. */
export interface BotSettings {
  readonly fleet: readonly VspSettings[];
  readonly migration: PlanSettings & { readonly remoteDir: string };
  readonly approval: {
    readonly approvers: { readonly users: readonly string[]; readonly groups: readonly string[] };
    readonly channels: readonly string[];
    readonly selfApproval: boolean;
    readonly approvalsRequired: { readonly default: number; readonly perVsp: Readonly<Record<string, number>> };
    readonly expiryMinutes: number;
  };
  readonly ssh: { readonly commandTimeoutMs: number };
  readonly balancing: {
    readonly channel?: string;
    readonly timezone: string;
    readonly quietHours?: { readonly from: string; readonly to: string };
    readonly maxMoves: number;
    readonly thresholdCpuStdDev: number;
    readonly sustainedSamples: number;
    readonly minGainPerMove: number;
    readonly pinned: readonly string[];
    readonly antiAffinityGroups: Readonly<Record<string, readonly string[]>>;
  };
  readonly execution: {
    readonly followIntervalMs: number;
    /** How long a VSP may stay unreachable during a move before the move needs attention (it runs on remotely). */
    readonly giveUpAfterMs: number;
    /** How often the outcome of a move that needs attention is looked for again. */
    readonly reconcileIntervalMs: number;
  };
}

/** Everything a bot is built from: the ports, the clock, the logger and the settings. */
export interface BotDeps {
  readonly store: Store;
  readonly chat: ChatPort;
  readonly presenter: Presenter;
  readonly directory: Directory;
  readonly shell: RemoteShell;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: BotSettings;
  readonly templates: TemplateTable;
  /**
   * The next step for an operator after an error a port raised (the SSH adapter knows its own codes);
   * undefined when the error is not one the adapter knows.
   */
  readonly explainError: (error: unknown) => string | undefined;
  /** The bot's lifetime: work started in the background is tracked, and stops following when it ends. */
  readonly lifecycle: Lifecycle;
}

/**
 * The background work a transition's effects start. Bound once by createBot (bot.ts), so the code that
 * applies transitions does not import the runners that apply transitions themselves (no import cycle).
 * Each starts tracked work and returns at once; starting what already runs for a request is a no-op.
 */
export interface Workers {
  recheck(requestId: string): void;
  run(requestId: string): void;
  reconcile(requestId: string, index: number): void;
  cleanup(requestId: string, index: number): void;
}

export interface BotContext extends BotDeps {
  readonly workers: Workers;
}

/** Plans read the whole fleet over SSH: a few at a time keep a burst of requests from flooding the VSPs. */
const CONCURRENT_PLANS = 2;

/** Background work of one bot instance: stop() aborts its signal and waits for what was tracked. */
export class Lifecycle {
  private readonly controller = new AbortController();
  private readonly work = new Set<Promise<unknown>>();
  /** Runs a planning task when one of the few planning slots is free (queued in order otherwise). */
  readonly planning = pLimit(CONCURRENT_PLANS);

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs in the background: tracked until it settles, errors logged by the caller's `onError`. */
  track(promise: Promise<unknown>, onError: (error: unknown) => void): void {
    this.work.add(promise);
    promise.catch(onError).finally(() => this.work.delete(promise));
  }

  /** Resolves once no tracked work is left; work started by tracked work is waited for too. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('the bot is stopping'));
    await Promise.allSettled([...this.work]);
  }
}

export function approvalPolicy(settings: BotSettings): ApprovalPolicy {
  return {
    selfApproval: settings.approval.selfApproval,
    defaultApprovals: settings.approval.approvalsRequired.default,
    approvalsPerVsp: settings.approval.approvalsRequired.perVsp,
    expiryMinutes: settings.approval.expiryMinutes,
  };
}

/** In the approver list, or a member of an approver group (when the workspace can say). */
export async function mayApprove(context: BotContext, userId: string): Promise<boolean> {
  const { users, groups } = context.settings.approval.approvers;
  if (users.includes(userId)) return true;
  for (const group of groups) {
    const members = await context.directory.userGroupMembers(group);
    if (members?.includes(userId)) return true;
  }
  return false;
}
