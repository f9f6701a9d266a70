/**
 * Everything the Slack flow's use-cases work with, injected once by the composition root (main.ts) or a
 * test: the ports, the clock, the logger and the settings. No use-case reaches for a global.
 */
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { TemplateTable } from '../domain/commands/command-templates.ts';
import type { ApprovalPolicy } from '../domain/workflow/approval.ts';
import type { PlanSettings, VspSettings } from '../domain/vsp-settings.ts';
import type { ChatPort, Clock, Directory, RemoteShell, Store } from '../ports.ts';
import type { Presenter } from './presenter.ts';

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
    /** How long a running move may stay unreachable before the bot reports it lost (it keeps running remotely). */
    readonly giveUpAfterMs?: number;
  };
}

export interface BotContext {
  readonly store: Store;
  readonly chat: ChatPort;
  readonly presenter: Presenter;
  readonly directory: Directory;
  readonly shell: RemoteShell;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: BotSettings;
  readonly templates: TemplateTable;
  /** The next step for an operator, for any error a port raised (the SSH adapter's operatorMessage). */
  readonly explainError: (error: unknown) => string;
  /** The bot's lifetime: work started in the background is tracked, and stops following when it ends. */
  readonly lifecycle: Lifecycle;
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
