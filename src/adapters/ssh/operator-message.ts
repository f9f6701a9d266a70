/**
 * The one place that turns a remote-execution failure into the next step for an operator (docs/conventions.md #6); the
 * CLI and the Slack replies print what this returns. Every code has an entry: the switch is exhaustive.
 */
import { hostKeyFileName } from './host-key-fingerprint.ts';
import { RemoteCommandError, SshError } from './ssh-error.ts';

export type CodedRemoteError = SshError | RemoteCommandError;

/** What the operator should do next, for one coded failure. */
export function operatorNextStep(error: CodedRemoteError): string {
  if (error instanceof RemoteCommandError) {
    const how = error.signal === undefined ? `exit code ${String(error.exitCode)}` : `signal ${error.signal}`;
    return (
      `The command ran on ${error.host} and ended with ${how}. Read its error output, fix the cause on the VSP ` +
      `or in the request, then run the request again.`
    );
  }
  const code = error.code;
  const host = error.host;
  const where = error.address === undefined ? host : `${error.address}:${String(error.port)}`;
  switch (code) {
    case 'unknown_host':
      return (
        `Use a VSP name from the fleet configuration, or add ${host} to \`fleet\` in the config ` +
        `(name, address, port, user, hostKeySha256) and restart the bot.`
      );
    case 'host_key_mismatch': {
      const keyFile = hostKeyFileName(error.presentedKeyType);
      return (
        `Do not trust this key until it is explained: a reinstalled or re-keyed VSP is expected to change it, ` +
        `anything else may be an attack. Verify the host's key out of band — on ${host}'s console run ` +
        `\`ssh-keygen -lf /etc/ssh/${keyFile}\` (HP-UX Secure Shell: /opt/ssh/etc/${keyFile}) — and only if it prints ` +
        `${error.presentedFingerprint ?? 'the presented fingerprint'}, set \`hostKeySha256\` for ${host} ` +
        `to it in the config and restart the bot.`
      );
    }
    case 'auth_failed':
      return (
        `Add the bot's public key (\`ssh-keygen -y -f <SSH_KEY_FILE>\` prints it) to the authorized_keys ` +
        `of the user configured for ${host}, check that user name in the config, and that sshd on ${host} ` +
        `allows public-key login for it.`
      );
    case 'connection_refused':
      return (
        `Nothing accepts SSH at ${where}. Check that sshd is running on ${host} (HP-UX Secure Shell: ` +
        `/opt/ssh/sbin/sshd) and that address and port for ${host} in the config are right, then retry.`
      );
    case 'host_unreachable':
      return (
        `Check the address of ${host} in the config and the network path from the bot's machine ` +
        `(name resolution, routes, firewalls), then retry.`
      );
    case 'connect_timeout':
      return (
        `Check that ${host} is up and reachable at ${where} (a firewall that drops packets looks like this), ` +
        `then retry; raise ssh.connectTimeoutMs only for a host known to be slow to log in.`
      );
    case 'connection_lost':
      return error.command === undefined
        ? `The next command reconnects by itself; if this repeats, check the network and sshd on ${host}.`
        : `The command may or may not have finished on ${host}: check the guest's state there (hpvmstatus) ` +
            `before running anything again. The next command reconnects by itself; if drops repeat, check ` +
            `the network and sshd on ${host}.`;
    case 'command_timeout':
      return (
        `The command was stopped. Check ${host} for load or a hung HPVM command (hpvmstatus) before ` +
        `retrying; raise the timeout only for a command known to be slow.`
      );
    case 'channel_failed':
      return (
        `${host} accepted the connection but would not run the command (too many sessions, or sshd forbids ` +
        `exec): check sshd's MaxSessions and its log on ${host}, then retry.`
      );
    default:
      return assertNever(code);
  }
}

/** The next step for an error of this adapter; undefined for any other error (the caller has its own advice). */
export function sshNextStep(error: unknown): string | undefined {
  return error instanceof SshError || error instanceof RemoteCommandError ? operatorNextStep(error) : undefined;
}

/** What happened, the last error output when there is some, and the next step. Any error is accepted. */
export function operatorMessage(error: unknown): string {
  if (!(error instanceof SshError) && !(error instanceof RemoteCommandError)) {
    const message = error instanceof Error ? error.message : String(error);
    return `${message}\nNext step: this is not an SSH failure; run the command again with LOG_LEVEL=debug and read what failed before it.`;
  }
  const lines = [error.message];
  if (error.stderrTail !== undefined && error.stderrTail !== '') {
    lines.push('Last error output:', indent(error.stderrTail));
  }
  lines.push(`Next step: ${operatorNextStep(error)}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function assertNever(code: never): never {
  throw new Error(`no operator message for code ${String(code)}`);
}
