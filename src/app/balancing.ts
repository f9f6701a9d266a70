/**
 * Balancing suggestions (README.md, "Balancing suggestions"): read the fleet, store a load sample, and — when the imbalance
 * has lasted for the configured number of samples (hysteresis), or when someone asks with
 * `/migrate balance` — let the balancer pick moves, check each one with the same rules as any `/migrate`,
 * and post the suggestion for approval. Approval then takes the normal path: re-check, run, verify.
 */
import { collectInventory } from './collect-inventory.ts';
import { inventoryTarget } from './inventory-targets.ts';
import type { BalanceResult, BalanceSnapshot } from '../domain/balance/balance-types.ts';
import { planBalance } from '../domain/balance/plan-balance.ts';
import { balancingInput } from '../domain/balancing-input.ts';
import type { FleetSnapshot } from '../domain/inventory.ts';
import type { BalancePlanRequest, Plan } from '../domain/plan/plan-types.ts';
import { isQuietTime } from '../domain/workflow/quiet-hours.ts';
import { OPEN_REQUEST_STATES } from '../domain/workflow/records.ts';
import { readPlanJson } from '../domain/plan/plan-schema.ts';
import type { LoadSample, SlashCommandInput } from '../ports.ts';
import { audit } from './audit.ts';
import type { BotContext } from './bot-context.ts';
import { planRequest } from './plan-request.ts';
import { busyState, planningDeps } from './planning.ts';
import { postPreview, storeRequest } from './request-preview.ts';

export type BalanceTrigger =
  { readonly kind: 'schedule' } | { readonly kind: 'command'; readonly input: SlashCommandInput };

/** Loads closer than this (5 percentage points of a host) count as "the load did not change". */
const SAME_LOAD = 0.05;
/** A move the rules refuse is pinned and the balancer asked again, at most this often. */
const REPLANS = 3;

export async function suggestBalance(context: BotContext, trigger: BalanceTrigger): Promise<void> {
  const { settings, store, clock } = context;
  const balancing = settings.balancing;
  const now = clock.now();
  const tell = async (text: string): Promise<void> => {
    if (trigger.kind === 'command')
      await context.chat.respond(trigger.input.responseUrl, context.presenter.notice(text));
  };
  if (trigger.kind === 'schedule' && isQuietTime(now, balancing.quietHours, balancing.timezone)) return;
  const channel =
    trigger.kind === 'command' ? trigger.input.channelId : (balancing.channel ?? settings.approval.channels[0]);
  if (channel === undefined) {
    context.logger.warn('balancing: no channel to post in (set balancing.channel or approval.channels)');
    return;
  }
  const [open] = await store.listRequests({ kind: 'balance', states: OPEN_REQUEST_STATES, limit: 1 });
  if (open) {
    await tell(`${open.id} is still open (${open.state}): decide on it first.`);
    return;
  }

  const snapshot = await collectInventory(
    context.shell,
    settings.fleet.map((vsp) => inventoryTarget(vsp, context.templates)),
    clock,
    { commandTimeoutMs: settings.ssh.commandTimeoutMs },
  );
  const input = balancingInput(snapshot, settings.fleet, balancing);
  await store.appendLoadSamples(samplesOf(input, now));
  if (trigger.kind === 'schedule' && !(await imbalanceSustained(context))) return;

  const proposal = await propose(context, snapshot, input);
  if (proposal === undefined) {
    await tell('The fleet is balanced: no move would lower the CPU load spread enough to be worth it.');
    return;
  }
  if (trigger.kind === 'schedule' && (await alreadySuggested(context, proposal.plan.request as BalancePlanRequest)))
    return;

  const created = await storeRequest(context, proposal.plan, {
    text: trigger.kind === 'command' ? 'balance' : 'balance (scheduled)',
    requesterId: trigger.kind === 'command' ? trigger.input.userId : 'bot',
    channelId: channel,
    triggerId: trigger.kind === 'command' ? trigger.input.triggerId : `balance-schedule-${now.toISOString()}`,
    ...(trigger.kind === 'command' ? { responseUrl: trigger.input.responseUrl } : {}),
    runnable: true,
  });
  if (created.kind !== 'created') {
    const why =
      created.kind === 'locked' ? `${created.guest} is in ${created.heldBy}` : 'the same request was seen before';
    await tell(`No suggestion posted: ${why}.`);
    return;
  }
  const record = created.workflow.request;
  const failed = await postPreview(
    context,
    created.workflow,
    proposal.plan,
    context.presenter.balanceSuggestion({ request: record, plan: proposal.plan, now: clock.now() }),
  );
  await audit(context, record.requesterId, 'balance.suggested', record.id, failed ? 'failed' : 'ok', {
    moves: proposal.result.moves.length,
    before: proposal.result.before,
    after: proposal.result.after,
  });
  if (failed) await tell(`The suggestion ${record.id} could not be posted: ${failed}`);
}

interface Proposal {
  readonly result: BalanceResult;
  readonly plan: Plan;
}

/** The balancer's moves, each passed by the rules and HP's precheck; refused guests are pinned and it asks again. */
async function propose(
  context: BotContext,
  snapshot: FleetSnapshot,
  firstInput: BalanceSnapshot,
): Promise<Proposal | undefined> {
  const { balancing } = context.settings;
  const pinned = new Set(balancing.pinned);
  for (let attempt = 0; attempt <= REPLANS; attempt++) {
    const input =
      attempt === 0
        ? firstInput
        : balancingInput(snapshot, context.settings.fleet, { ...balancing, pinned: [...pinned] });
    const result = planBalance(input, {
      maxMoves: balancing.maxMoves,
      ...(balancing.minGainPerMove === undefined ? {} : { minGainPerMove: balancing.minGainPerMove }),
    });
    if (result.moves.length === 0) return undefined;
    const request: BalancePlanRequest = {
      kind: 'balance',
      moves: result.moves.map((move, index) => ({
        vm: move.vm,
        from: move.from,
        to: move.to,
        round: move.round,
        reason: result.reasons[index] ?? '',
      })),
      loadsBefore: Object.fromEntries(result.hosts.map((host) => [host.host, host.before])),
      loadsAfter: Object.fromEntries(result.hosts.map((host) => [host.host, host.after])),
      before: result.before,
      after: result.after,
    };
    const { plan } = await planRequest(request, planningDeps(context), {
      precheck: true,
      busy: await busyState(context),
      snapshot,
    });
    if (plan.blocked.length === 0 && plan.ok) return { result, plan };
    for (const blocked of plan.blocked) pinned.add(blocked.guest);
  }
  return undefined;
}

/** Every host's CPU load (Σ usage × vCPUs ÷ cores) and memory in use, as one sampling run. */
function samplesOf(input: BalanceSnapshot, now: Date): LoadSample[] {
  const used = new Map<string, { cpu: number; memoryMb: number }>();
  for (const vm of input.vms) {
    if (vm.state !== 'On') continue;
    const host = used.get(vm.host) ?? { cpu: 0, memoryMb: 0 };
    host.cpu += vm.cpuDemand;
    host.memoryMb += vm.memoryMb;
    used.set(vm.host, host);
  }
  return input.hosts.map((host) => ({
    at: now.toISOString(),
    vsp: host.name,
    cpuLoad: (used.get(host.name)?.cpu ?? 0) / host.cpuCores,
    memoryUsedMb: used.get(host.name)?.memoryMb ?? 0,
    memoryMb: host.memoryMb,
  }));
}

/** The spread was above the threshold in each of the last N samples: not a spike. */
async function imbalanceSustained(context: BotContext): Promise<boolean> {
  const { sustainedSamples, thresholdCpuStdDev } = context.settings.balancing;
  const maintenance = new Set(context.settings.fleet.filter((vsp) => vsp.maintenance).map((vsp) => vsp.name));
  const runs = await context.store.recentLoadSamples(sustainedSamples);
  if (runs.length < sustainedSamples) return false;
  return runs.every(
    (run) =>
      standardDeviation(run.filter((sample) => !maintenance.has(sample.vsp)).map((sample) => sample.cpuLoad)) >
      thresholdCpuStdDev,
  );
}

function standardDeviation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

/**
 * The same moves as the last suggestion, under (nearly) the same load: posting it again would be noise.
 * That covers a dismissed suggestion too — it comes back only when the load has changed.
 */
async function alreadySuggested(context: BotContext, request: BalancePlanRequest): Promise<boolean> {
  const [last] = await context.store.listRequests({ kind: 'balance', limit: 1 });
  if (!last) return false;
  const read = readPlanJson(last.planJson);
  if (!read.ok || read.plan.request.kind !== 'balance') return false;
  const previous = read.plan.request;
  const key = (moves: BalancePlanRequest['moves']): string =>
    moves
      .map((move) => `${move.vm}:${move.from}>${move.to}`)
      .sort()
      .join(',');
  if (key(previous.moves) !== key(request.moves)) return false;
  return Object.entries(request.loadsBefore).every(
    ([vsp, load]) => Math.abs(load - (previous.loadsBefore[vsp] ?? Number.POSITIVE_INFINITY)) <= SAME_LOAD,
  );
}
