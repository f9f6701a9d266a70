/**
 * Every state change the state machine makes, as data: the tables in docs/architecture.md, "States and
 * events" are rendered from these lists, and the property tests check that under random event sequences
 * the machine makes exactly these changes — none missing, none extra.
 */
import type { WorkflowEventType } from './events.ts';
import type { MoveState, RequestState } from './records.ts';

export interface Edge<S extends string> {
  readonly from: S;
  readonly events: readonly WorkflowEventType[];
  readonly to: readonly S[];
  /** When the change happens, in words. */
  readonly when: string;
}

export const REQUEST_EDGES: readonly Edge<RequestState>[] = [
  { from: 'pending', events: ['approve'], to: ['approving'], when: 'the last required approval' },
  { from: 'pending', events: ['reject'], to: ['rejected'], when: 'by the requester or an approver' },
  {
    from: 'pending',
    events: ['cancel', 'preview_failed', 'preview_posted'],
    to: ['cancelled'],
    when: 'cancelled; or the preview could not be posted, or could not show every command line',
  },
  { from: 'pending', events: ['expire'], to: ['expired'], when: 'nobody approved in time' },
  { from: 'approving', events: ['recheck_passed'], to: ['running'], when: 'the re-read plan is the approved one' },
  { from: 'approving', events: ['supersede'], to: ['superseded'], when: 'the inventory changed' },
  { from: 'approving', events: ['cancel'], to: ['cancelled'], when: 'cancelled during the re-check' },
  { from: 'approving', events: ['seal_broken'], to: ['failed'], when: 'the stored plan is not the approved one' },
  { from: 'running', events: ['seal_broken'], to: ['failed'], when: 'before a round: seal or commands differ' },
  {
    from: 'running',
    events: ['move_lost', 'move_checked'],
    to: ['needs_attention'],
    when: "a move's outcome cannot be established",
  },
  {
    from: 'running',
    events: ['move_checked'],
    to: ['completed', 'failed', 'cancelled'],
    when: 'the last move in flight reaches a final state',
  },
  { from: 'running', events: ['cancel'], to: ['cancelled'], when: 'the queued moves were the last not final' },
  {
    from: 'needs_attention',
    events: ['move_checked', 'move_settled', 'resolve'],
    to: ['completed', 'failed', 'cancelled'],
    when: 'the last move is settled (by the bot from agreeing facts, or by an approver)',
  },
];

export const MOVE_EDGES: readonly Edge<MoveState>[] = [
  { from: 'queued', events: ['move_start'], to: ['starting'], when: 'its round comes, the seal holds' },
  { from: 'queued', events: ['approve'], to: ['not_selected'], when: 'not every required approver approved it' },
  {
    from: 'queued',
    events: [
      'cancel',
      'reject',
      'expire',
      'supersede',
      'seal_broken',
      'preview_failed',
      'preview_posted',
      'move_checked',
      'move_lost',
    ],
    to: ['cancelled'],
    when: 'the request closes or stops before it starts (another move failed or needs attention)',
  },
  { from: 'starting', events: ['move_started'], to: ['running'], when: 'the detached start line answered' },
  { from: 'running', events: ['move_exited'], to: ['verifying'], when: 'hpvmmigrate wrote its exit status' },
  {
    from: 'verifying',
    events: ['move_checked'],
    to: ['succeeded', 'failed'],
    when: 'exit 0 and on the target / non-zero and still on the source',
  },
  {
    from: 'verifying',
    events: ['move_checked'],
    to: ['needs_attention'],
    when: 'the exit status and hpvmstatus disagree, or a VSP cannot be read',
  },
  {
    from: 'starting',
    events: ['move_lost'],
    to: ['needs_attention'],
    when: 'starting, following or verifying failed so that the outcome is unknown',
  },
  { from: 'running', events: ['move_lost'], to: ['needs_attention'], when: 'as above' },
  { from: 'verifying', events: ['move_lost'], to: ['needs_attention'], when: 'as above' },
  {
    from: 'needs_attention',
    events: ['move_reattached'],
    to: ['running'],
    when: 'found still running: followed again',
  },
  {
    from: 'needs_attention',
    events: ['move_settled', 'resolve'],
    to: ['succeeded', 'failed'],
    when: 'the facts agree (the bot), or an approver resolves in agreement with hpvmstatus',
  },
];

/** Whether the tables allow this change. */
export function allows<S extends string>(edges: readonly Edge<S>[], from: S, event: WorkflowEventType, to: S): boolean {
  return edges.some((edge) => edge.from === from && edge.to.includes(to) && edge.events.includes(event));
}

/** Both tables as Markdown, exactly as docs/architecture.md shows them. */
export function renderStateTables(): string {
  const table = <S extends string>(edges: readonly Edge<S>[]): string[] => [
    '| from | event | to | when |',
    '| --- | --- | --- | --- |',
    ...edges.map(
      (edge) =>
        `| \`${edge.from}\` | ${edge.events.map((event) => `\`${event}\``).join(', ')} | ${edge.to.map((state) => `\`${state}\``).join(' / ')} | ${edge.when} |`,
    ),
  ];
  return [
    '**Requests** (a final state — checked, completed, failed, rejected, expired, superseded, cancelled — accepts no event):',
    '',
    ...table(REQUEST_EDGES),
    '',
    '**Moves** (succeeded, failed, cancelled and not_selected are final):',
    '',
    ...table(MOVE_EDGES),
  ].join('\n');
}
