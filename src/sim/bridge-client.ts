/**
 * The HPVM commands as real executables: one small bash script, installed under every command name,
 * that hands its name, `$HPVM_SIM_VSP` and its arguments to the command bridge over bash's /dev/tcp and
 * relays the answer. Builtins only (no fork), because an inventory runs it thousands of times.
 *
 * Wire format, client → bridge: token, command name, VSP, argc, args, each NUL-terminated.
 * Bridge → client: frames `<kind><6 digits><payload>`; kind `1` stdout or `2` stderr with the payload's
 * byte length, or `x` with the exit status and no payload. Length-prefixed frames let `read -N` take a
 * frame in one system call where a line-by-line `read` would issue one per byte on a socket.
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HpvmCommandName } from './fleet-file.ts';

export const BRIDGE_CLIENT_SCRIPT = `#!/bin/bash
# HPVM simulator client (hpvm-chatops src/sim/bridge-client.ts): every HPVM command is this script.
LC_ALL=C
name=\${0##*/}
if ! { exec 3<>"/dev/tcp/127.0.0.1/\${HPVM_SIM_PORT:-0}"; } 2>/dev/null; then
  printf '%s: cannot reach the HPVM simulator at 127.0.0.1:%s\\n' "$name" "\${HPVM_SIM_PORT:-(HPVM_SIM_PORT unset)}" >&2
  exit 1
fi
printf '%s\\0' "$HPVM_SIM_TOKEN" "$name" "$HPVM_SIM_VSP" "$#" "$@" >&3
while IFS= read -r -N 7 -u 3 head && [ \${#head} -eq 7 ]; do
  size=$((10#\${head:1}))
  case \${head:0:1} in
    x) exit "$size" ;;
    1) IFS= read -r -N "$size" -u 3 text; printf '%s' "$text" ;;
    2) IFS= read -r -N "$size" -u 3 text; printf '%s' "$text" >&2 ;;
  esac
done
printf '%s: lost the connection to the HPVM simulator\\n' "$name" >&2
exit 1
`;

/** Where each command lives under the state directory, mirroring the HP-UX paths. */
export function commandPath(stateDir: string, command: HpvmCommandName): string {
  if (command === 'machinfo') return join(stateDir, 'usr', 'contrib', 'bin', command);
  // HP-UX keeps vgdisplay in /usr/sbin and bdf in /usr/bin (the VSP config's vgdisplayPath/bdfPath defaults).
  if (command === 'vgdisplay') return join(stateDir, 'usr', 'sbin', command);
  if (command === 'bdf') return join(stateDir, 'usr', 'bin', command);
  return join(stateDir, 'opt', 'hpvm', 'bin', command);
}

export function hpvmBinDir(stateDir: string): string {
  return join(stateDir, 'opt', 'hpvm', 'bin');
}

/**
 * Which client the executables are: `native` (bridge-client.c, built with the machine's `cc`), `bash`
 * (the script above), or `auto` — native when a C compiler is there, bash otherwise. Both speak the same
 * protocol and print the same messages; native starts about twice as fast, which an inventory of
 * thousands of commands feels.
 */
export type BridgeClientKind = 'auto' | 'native' | 'bash';

const NATIVE_SOURCE = fileURLToPath(new URL('./bridge-client.c', import.meta.url));

export async function installBridgeClient(
  stateDir: string,
  commands: readonly HpvmCommandName[],
  kind: BridgeClientKind = 'auto',
): Promise<'native' | 'bash'> {
  await mkdir(hpvmBinDir(stateDir), { recursive: true });
  await mkdir(join(stateDir, 'usr', 'contrib', 'bin'), { recursive: true });
  await mkdir(join(stateDir, 'usr', 'sbin'), { recursive: true });
  await mkdir(join(stateDir, 'usr', 'bin'), { recursive: true });
  const native = kind === 'bash' ? undefined : await buildNativeClient(stateDir, kind === 'native');
  for (const command of commands) {
    const path = commandPath(stateDir, command);
    if (native === undefined) await writeFile(path, BRIDGE_CLIENT_SCRIPT, { mode: 0o755 });
    else await copyFile(native, path);
    await chmod(path, 0o755);
  }
  return native === undefined ? 'bash' : 'native';
}

/** Compiles bridge-client.c into the state directory (again only when the source is newer). */
async function buildNativeClient(stateDir: string, required: boolean): Promise<string | undefined> {
  const output = join(stateDir, 'lib', 'hpvm-sim-client');
  await mkdir(join(stateDir, 'lib'), { recursive: true });
  const [source, built] = await Promise.all([stat(NATIVE_SOURCE), stat(output).catch(() => undefined)]);
  if (built !== undefined && built.mtimeMs >= source.mtimeMs) return output;
  // Static when the C library allows it: no dynamic loader at each of the thousands of starts.
  let lastError: unknown;
  for (const flags of [['-O2', '-static'], ['-O2']]) {
    try {
      await promisify(execFile)('cc', [...flags, '-o', output, NATIVE_SOURCE], { timeout: 60_000 });
      return output;
    } catch (error) {
      lastError = error;
    }
  }
  if (required) throw new Error(`cannot build the native simulator client with cc: ${(lastError as Error).message}`);
  return undefined;
}
