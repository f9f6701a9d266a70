/**
 * A real OpenSSH `sshd` (Debian's openssh-server) on 127.0.0.1 for the reliability tests (DESIGN §8):
 * its own host key made by ssh-keygen, its own config, authorized keys and pid file in a temp folder,
 * run in the foreground (`-D -e`) as the current user. Nothing here is skipped quietly: when sshd is
 * missing or does not come up, starting throws with the reason and sshd's own output.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants, readdirSync, readFileSync } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SSHD_PATH = '/usr/sbin/sshd';
/** Debian's sshd refuses to start without its privilege-separation folder (normally made by systemd). */
const PRIVSEP_DIR = '/run/sshd';

export interface OpenSshServer {
  readonly port: number;
  /** `SHA256:…` of the generated host key, as ssh-keygen prints it. */
  readonly hostKeySha256: string;
  readonly user: string;
  /** The listening sshd's pid. */
  readonly pid: number;
  /**
   * Kills (SIGKILL) sshd's per-connection processes: every client connection drops at once, as when a
   * network path or the VSP's sshd session dies; the listener stays. Returns how many were killed.
   */
  dropConnections(): number;
  /** What sshd printed so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

export interface OpenSshServerOptions {
  /** Public keys (`ssh-ed25519 AAAA…`) allowed to log in as the current user. */
  readonly authorizedKeys: readonly string[];
  readonly startTimeoutMs?: number;
}

export async function startOpenSshServer(options: OpenSshServerOptions): Promise<OpenSshServer> {
  try {
    await access(SSHD_PATH, constants.X_OK);
  } catch {
    throw new Error(`OpenSSH sshd not found at ${SSHD_PATH}: apt-get install -y openssh-server (.ci/run installs it)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'openssh-'));
  const user = userInfo().username;
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const run = promisify(execFile);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hpvm-chatops test sshd', '-f', hostKey]);
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`]);
  const hostKeySha256 = /SHA256:[A-Za-z0-9+/]{43}/.exec(stdout)?.[0];
  if (!hostKeySha256) throw new Error(`cannot read the host key fingerprint from ssh-keygen: ${stdout}`);
  await writeFile(join(dir, 'authorized_keys'), `${options.authorizedKeys.join('\n')}\n`, { mode: 0o600 });
  await mkdir(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const configFile = join(dir, 'sshd_config');
  await writeFile(
    configFile,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      // The temp folder's owner and modes are not what StrictModes wants; PAM would need a system login setup.
      'StrictModes no',
      'UsePAM no',
      `AllowUsers ${user}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UseDNS no',
      'PrintMotd no',
      'MaxSessions 20',
      'LogLevel INFO',
      '',
    ].join('\n'),
  );

  // sshd re-executes itself, so it must be started by its absolute path.
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configFile], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  try {
    await waitForListening(child, () => output, port, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const pid = child.pid!;

  return {
    port,
    hostKeySha256,
    user,
    pid,
    dropConnections: () => killSessions(pid),
    output: () => output,
    async close() {
      killSessions(pid);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Port 0 cannot be given to sshd: take a free port from the kernel, release it, hand it over. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function waitForListening(child: ChildProcess, output: () => string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`OpenSSH sshd did not start (${why}); its output:\n${output()}`));
    };
    const poll = setInterval(() => {
      if (!output().includes(`Server listening on 127.0.0.1 port ${port}`)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? `code ${String(code)}`}`));
    child.once('error', (error) => fail(error.message));
  });
}

/** The sshd processes below the listener (one or two per connection), killed by pid. */
function killSessions(listenerPid: number): number {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // `pid (comm) state ppid …`; comm may contain spaces or parentheses, so split at the last `)`.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    const pid = Number(entry);
    names.set(pid, comm);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const doomed: number[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      if (names.get(child)?.startsWith('sshd')) doomed.push(child);
      visit(child);
    }
  };
  visit(listenerPid);
  for (const pid of doomed) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return doomed.length;
}
