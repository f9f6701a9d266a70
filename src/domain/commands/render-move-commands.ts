import type { MigrationMode } from '../request.ts';
import type { TemplateName, TemplateTable } from './command-templates.ts';
import { renderCommand, type CommandHost, type CommandLine, type CommandTarget } from './render-command.ts';

export interface MoveOptions {
  /** hpvmmigrate -d: stop the running guest on the source (offline only). */
  readonly stop: boolean;
  /** hpvmmigrate -b: boot the guest on the target (offline only). */
  readonly start: boolean;
  /** hpvmmigrate -D: remove the source copy after success. */
  readonly deleteSource: boolean;
}

export interface MoveCommands {
  /**
   * `hpvmmigrate -s …` on the source; runs for the preview, before approval. Absent when the move stops a
   * running guest (-d): see renderMoveCommands.
   */
  readonly precheck?: CommandLine;
  readonly migrate: CommandLine;
  /** `hpvmstatus` on each side after the move: the guest must be Off (NR) or gone on the source, present on the target. */
  readonly verifySource: CommandLine;
  readonly verifyTarget: CommandLine;
}

export interface MoveCommandInput {
  readonly source: CommandHost;
  readonly target: CommandHost & CommandTarget;
  readonly vm: string;
  readonly mode: MigrationMode;
  readonly options: MoveOptions;
  /**
   * Resource statements of the lvols an offline move copies (`optionCopyStorage`, once each). The precheck
   * gets them too: without them the target's check would miss the devices the copy is about to create.
   */
  readonly storage?: readonly string[];
}

/** Renders the four lines of one move; throws CommandError when any of them cannot be rendered. */
export function renderMoveCommands(templates: TemplateTable, input: MoveCommandInput): MoveCommands {
  const { source, target, vm, mode, options } = input;
  const storage =
    mode === 'offline' && input.storage !== undefined && input.storage.length > 0 ? { storage: input.storage } : {};
  const online = mode === 'online';
  const stopsGuest = !online && options.stop;
  const flags: TemplateName[] = [];
  if (stopsGuest) flags.push('optionStop');
  if (!online && options.start) flags.push('optionStart');
  if (options.deleteSource) flags.push('optionDeleteSource');
  // The precheck runs before anyone approved, so it must not be able to change anything. `-s` is
  // "check only" (DOC V61-AG-P198), but what `-s` does together with `-d` (stop the running guest) is not
  // documented, and a running guest is refused offline without -d: so a move that stops its guest gets no
  // precheck at all rather than a guess. hpvmmigrate -d still runs HP's target checks before it stops the
  // guest (DOC V63-AG-P199). -b only adds a check (target memory); -D only acts after a migration.
  const precheckFlags = flags.filter((flag) => flag === 'optionStart');
  const precheck = stopsGuest
    ? undefined
    : renderCommand(templates, online ? 'precheckOnline' : 'precheckOffline', source, {
        vm,
        target,
        flags: precheckFlags,
        ...storage,
      });
  return {
    ...(precheck ? { precheck } : {}),
    migrate: renderCommand(templates, online ? 'migrateOnline' : 'migrateOffline', source, {
      vm,
      target,
      flags,
      ...storage,
    }),
    verifySource: renderCommand(templates, 'status', source),
    verifyTarget: renderCommand(templates, 'status', target),
  };
}
