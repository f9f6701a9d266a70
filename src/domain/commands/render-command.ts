import { NAME_PATTERN } from '../names.ts';
import type { VspSettings } from '../vsp-settings.ts';
import { CommandError } from './command-error.ts';
import { PLACEHOLDERS, type Placeholder, type TemplateName, type TemplateTable } from './command-templates.ts';
import { quoteShellArg } from './quote-shell-arg.ts';

/** One command line, exactly as the runner will send it. */
export interface CommandLine {
  /** The VSP where the command runs. */
  readonly host: string;
  readonly argv: readonly string[];
  /** argv with every element through quoteShellArg, joined by spaces. */
  readonly line: string;
}

/** The VSP a command runs on. */
export type CommandHost = Pick<VspSettings, 'name' | 'hpvmVersion' | 'sudo' | 'hpvmBinDir' | 'machinfoPath'> &
  Partial<Pick<VspSettings, 'vgdisplayPath' | 'bdfPath'>>;
/** The VSP named in `-h`. */
export type CommandTarget = Pick<VspSettings, 'name' | 'migrationHost'>;

export interface RenderContext {
  readonly vm?: string;
  readonly target?: CommandTarget;
  /** Flag templates appended in this order (e.g. optionStop, optionStart). */
  readonly flags?: readonly TemplateName[];
  /**
   * Resource statements of stores to copy: `optionCopyStorage` is appended once for each, with `{storage}`
   * bound to it (hpvmmigrate's `[-m storage-resource [-C] [-t]]...` repeats per store).
   */
  readonly storage?: readonly string[];
}

/** HP-UX's own places for the LVM and file system commands, when the VSP config names none. */
export const DEFAULT_VGDISPLAY_PATH = '/usr/sbin/vgdisplay';
export const DEFAULT_BDF_PATH = '/usr/bin/bdf';

/**
 * A resource statement for `-m`: `disk:<adaptor>:<bus,dev,target>:<lv|file>:<path>` (4.3 guide §6.2.2.3).
 * The path part is held to the storage path rule (src/domain/storage-path.ts) by the caller as well.
 */
const STORAGE_RESOURCE = /^disk:[a-z_]+:[0-9]+(?:,[0-9]+){0,2}:(?:lv|file):\/[A-Za-z0-9._/+-]+$/;

/** Same rule as VspConfig paths: absolute, nothing a shell could read as syntax. */
const PATH_PATTERN = /^\/[A-Za-z0-9._/-]*$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * `-F` (force) suppresses hpvmmigrate's resource checks (DOC IVM40-MAN); it is never generated,
 * overridden or passed through, whatever the command. A short-option cluster containing F counts too.
 */
export function isForceFlag(token: string): boolean {
  return /^-[A-Za-z]*F[A-Za-z]*$/.test(token) || /^--force$/i.test(token);
}

/** The `-h` argument: the target's migration-network alias when configured, else its name. */
export function migrationTargetName(target: CommandTarget): string {
  return target.migrationHost ?? target.name;
}

export function renderCommand(
  templates: TemplateTable,
  name: TemplateName,
  host: CommandHost,
  context: RenderContext = {},
): CommandLine {
  const values = placeholderValues(host, context);
  const tokens = [
    ...lookup(templates, name, host),
    ...(context.flags ?? []).flatMap((flag) => lookup(templates, flag, host)),
  ];
  const storageTokens = (context.storage ?? []).flatMap((resource) => {
    const value = checked(resource, STORAGE_RESOURCE, 'invalid_path', 'storage', host);
    return lookup(templates, 'optionCopyStorage', host).map((token) =>
      substitute(token, { ...values, storage: value }, 'optionCopyStorage', host),
    );
  });
  const argv = [
    ...(host.sudo ? ['sudo', '-n'] : []),
    ...tokens.map((token) => substitute(token, values, name, host)),
    ...storageTokens,
  ];
  const forced = argv.find(isForceFlag);
  if (forced !== undefined) {
    throw new CommandError(
      'forbidden_flag',
      `${forced} is never generated (template ${name}, HPVM ${host.hpvmVersion})`,
      {
        host: host.name,
        version: host.hpvmVersion,
        template: name,
        token: forced,
      },
    );
  }
  return { host: host.name, argv, line: argv.map(quoteShellArg).join(' ') };
}

function lookup(templates: TemplateTable, name: TemplateName, host: CommandHost): readonly string[] {
  const forVersion = templates[host.hpvmVersion];
  const context = { host: host.name, version: host.hpvmVersion, template: name };
  if (forVersion === undefined) {
    throw new CommandError(
      'unsupported_version',
      `no command templates for HPVM ${host.hpvmVersion} (${host.name})`,
      context,
    );
  }
  const template = forVersion[name];
  if (template === undefined) {
    throw new CommandError('missing_template', `HPVM ${host.hpvmVersion} has no ${name} command`, context);
  }
  return template;
}

/** Every value is checked again here, whatever checked it before: this is the last stop before a shell. */
function placeholderValues(host: CommandHost, context: RenderContext): Partial<Record<Placeholder, string>> {
  const values: Partial<Record<Placeholder, string>> = {
    bin: checked(host.hpvmBinDir, PATH_PATTERN, 'invalid_path', 'bin', host),
    machinfo: checked(host.machinfoPath, PATH_PATTERN, 'invalid_path', 'machinfo', host),
    vgdisplay: checked(host.vgdisplayPath ?? DEFAULT_VGDISPLAY_PATH, PATH_PATTERN, 'invalid_path', 'vgdisplay', host),
    bdf: checked(host.bdfPath ?? DEFAULT_BDF_PATH, PATH_PATTERN, 'invalid_path', 'bdf', host),
  };
  if (context.vm !== undefined) values.vm = checked(context.vm, NAME_PATTERN, 'invalid_name', 'vm', host);
  if (context.target !== undefined) {
    values.target = checked(migrationTargetName(context.target), NAME_PATTERN, 'invalid_name', 'target', host);
  }
  return values;
}

function checked(
  value: string,
  pattern: RegExp,
  code: 'invalid_name' | 'invalid_path',
  placeholder: Placeholder,
  host: CommandHost,
): string {
  if (pattern.test(value)) return value;
  throw new CommandError(code, `{${placeholder}} value ${JSON.stringify(value)} is not allowed in a command line`, {
    host: host.name,
    placeholder,
    value,
  });
}

function substitute(
  token: string,
  values: Partial<Record<Placeholder, string>>,
  name: TemplateName,
  host: CommandHost,
): string {
  return token.replace(PLACEHOLDER, (match, key: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) {
      throw new CommandError('unknown_placeholder', `unknown placeholder ${match} in template ${name}`, {
        host: host.name,
        template: name,
        token,
      });
    }
    const value = values[key as Placeholder];
    if (value === undefined) {
      throw new CommandError('missing_value', `template ${name} needs ${match} but none was given`, {
        host: host.name,
        template: name,
        placeholder: key,
      });
    }
    return value;
  });
}
