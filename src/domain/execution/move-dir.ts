/**
 * The per-move folder on the source VSP: `<remoteDir>/<requestId>/<moveIndex>` (docs/architecture.md, "Executing a
 * move"). Every part is allow-listed, so the path is safe bare in a shell line and can never point outside `remoteDir`.
 */
import { ExecutionError } from './execution-error.ts';

/** Same characters as the config's path rule, and no `.`/`..` segment, no `//`, no trailing `/`. */
const SAFE_PATH = /^\/[A-Za-z0-9._/-]*$/;
/** Exactly as the Store assigns them; the upper-case form only, so one request has one folder. */
const REQUEST_ID = /^REQ-[0-9]{1,9}$/;
const MAX_MOVE_INDEX = 9999;

export interface MoveDirInput {
  readonly remoteDir: string;
  readonly requestId: string;
  readonly moveIndex: number;
}

export function checkRemoteDir(remoteDir: string): string {
  const segments = remoteDir.split('/').slice(1);
  const unsafe =
    !SAFE_PATH.test(remoteDir) ||
    remoteDir.length > 200 ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (unsafe) {
    throw new ExecutionError(
      'invalid_remote_path',
      `remote directory ${JSON.stringify(remoteDir)} must be an absolute path of [A-Za-z0-9._-] segments (no ., .., // or trailing /)`,
      { remoteDir },
    );
  }
  return remoteDir;
}

export function moveDir(input: MoveDirInput): string {
  const base = checkRemoteDir(input.remoteDir);
  if (!REQUEST_ID.test(input.requestId)) {
    throw new ExecutionError(
      'invalid_argument',
      `request id ${JSON.stringify(input.requestId)} must look like REQ-42`,
      {
        requestId: input.requestId,
      },
    );
  }
  const index = input.moveIndex;
  if (!Number.isInteger(index) || index < 0 || index > MAX_MOVE_INDEX) {
    throw new ExecutionError('invalid_argument', `move index ${String(index)} must be an integer 0-${MAX_MOVE_INDEX}`, {
      moveIndex: String(index),
    });
  }
  return `${base}/${input.requestId}/${index}`;
}

/**
 * Reads a stored move folder back into its parts. With `remoteDir`, the folder must be exactly
 * `<remoteDir>/<REQ-n>/<index>`; without it, any safe base will do (the shape is still enforced).
 */
export function parseMoveDir(dir: string, remoteDir?: string): MoveDirInput {
  const at = dir.lastIndexOf('/', dir.lastIndexOf('/') - 1);
  const base = at > 0 ? dir.slice(0, at) : '';
  const [requestId = '', index = ''] = dir.slice(at + 1).split('/');
  const parts = { remoteDir: base, requestId, moveIndex: /^[0-9]{1,4}$/.test(index) ? Number(index) : -1 };
  try {
    if (moveDir(parts) !== dir) throw new Error('not canonical');
  } catch (error) {
    throw new ExecutionError(
      'invalid_remote_path',
      `move folder ${JSON.stringify(dir)} is not of the form <remoteDir>/REQ-<n>/<index>`,
      { dir },
      { cause: error },
    );
  }
  if (remoteDir !== undefined && base !== checkRemoteDir(remoteDir)) {
    throw new ExecutionError(
      'invalid_remote_path',
      `move folder ${dir} is not under the remote directory ${remoteDir}`,
      {
        dir,
        remoteDir,
      },
    );
  }
  return parts;
}
