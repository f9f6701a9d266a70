import type { MigrationMode } from '../request.ts';
import type { PrecheckSetting } from '../vsp-settings.ts';
import { PRECHECK_SUPPORT, type TemplateName, type TemplateTable } from './command-templates.ts';
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
  /** The precheck runs on the source, so its fleet-config `precheck` setting decides (decidePrecheck). */
  readonly source: CommandHost & { readonly precheck?: PrecheckSetting };
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

export type PrecheckDecision =
  | { readonly run: true; readonly withStart: boolean }
  /** Why there is no `hpvmmigrate -s` before approval, for the preview. */
  | { readonly run: false; readonly reason: string };

/**
 * Whether HP's precheck runs for a move, and with which flags: the version table (PRECHECK_SUPPORT) says
 * what the bot generates for the source's HPVM version, the source's fleet config can switch it off.
 * The precheck runs before anyone approved, so it must not be able to change anything. `-s` is "check
 * only" (DOC V61-AG-P198), but what `-s` does together with `-d` (stop the running guest) is not
 * documented, and a running guest is refused offline without -d: so a move that stops its guest gets no
 * precheck at all rather than a guess. hpvmmigrate -d still runs HP's target checks before it stops the
 * guest (DOC V63-AG-P199). -b only adds a check (target memory); -D only acts after a migration.
 */
export function decidePrecheck(
  source: { readonly name: string; readonly hpvmVersion: string; readonly precheck?: PrecheckSetting },
  mode: MigrationMode,
  options: MoveOptions,
): PrecheckDecision {
  const online = mode === 'online';
  if (!online && options.stop) {
    return {
      run: false,
      reason:
        'no HP precheck: the move stops the guest (-d), which a check before approval must not do; hpvmmigrate -d runs HP’s checks of the target before it stops the guest',
    };
  }
  const setting = source.precheck ?? true;
  if (setting === false) return { run: false, reason: `no HP precheck: switched off for ${source.name} in the config` };
  if (online && typeof setting === 'object' && setting.online === false) {
    return {
      run: false,
      reason: `no HP precheck: switched off for online moves from ${source.name} in the config`,
    };
  }
  const support = PRECHECK_SUPPORT[source.hpvmVersion];
  const supported = support !== undefined && (online ? support.online : support.offline);
  if (!supported) {
    return {
      run: false,
      reason: `no HP precheck: the bot knows no hpvmmigrate -s${online ? ' -o' : ''} for HPVM ${source.hpvmVersion} (${source.name})`,
    };
  }
  const startAllowed = typeof setting === 'object' ? setting.withStart !== false : true;
  return { run: true, withStart: !online && options.start && support.withStart && startAllowed };
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
  const decision = decidePrecheck(source, mode, options);
  const precheck = !decision.run
    ? undefined
    : renderCommand(templates, online ? 'precheckOnline' : 'precheckOffline', source, {
        vm,
        target,
        flags: decision.withStart ? ['optionStart'] : [],
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
