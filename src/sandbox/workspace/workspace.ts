/**
 * Who and what exists in a Slack-like workspace: team, the bot, users, user groups and channels. Used by
 * the sandbox's local workspace and by the tests' strict fake of Slack.
 */

export interface Team {
  readonly id: string;
  readonly domain: string;
  readonly name: string;
}

export interface BotIdentity {
  readonly userId: string;
  readonly botId: string;
  readonly appId: string;
  readonly name: string;
}

export interface WorkspaceUser {
  readonly id: string;
  /** The handle (`name` / `username` in payloads). */
  readonly name: string;
  readonly realName?: string;
  /** Often empty in real workspaces; a bot must fall back to realName, then name (docs/slack-platform.md, "User groups and user names"). */
  readonly displayName?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
  readonly tz?: string;
}

export interface WorkspaceChannel {
  readonly id: string;
  readonly name: string;
  /** False: chat.postMessage answers `not_in_channel`. Default true. */
  readonly botMember?: boolean;
  /** When given, chat.postEphemeral to anyone else answers `user_not_in_channel`. */
  readonly members?: readonly string[];
}

export interface WorkspaceOptions {
  readonly team?: Partial<Team>;
  readonly bot?: Partial<BotIdentity>;
  readonly users?: readonly WorkspaceUser[];
  /** Usergroup id (S…) → member user ids. */
  readonly userGroups?: Readonly<Record<string, readonly string[]>>;
  /** Make every usergroups.* call fail, e.g. `plan_upgrade_required` on a free workspace. */
  readonly userGroupsError?: string;
  /** When given, only these channels exist (others: `channel_not_found`); else any C…/G…/D… id exists. */
  readonly channels?: readonly WorkspaceChannel[];
}

export interface Workspace {
  readonly team: Team;
  readonly bot: BotIdentity;
  readonly users: Map<string, WorkspaceUser>;
  readonly userGroups: Map<string, readonly string[]>;
  userGroupsError: string | undefined;
  channel(id: string): WorkspaceChannel | undefined;
  user(id: string): WorkspaceUser | undefined;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

export const DEFAULT_TEAM: Team = { id: 'T0FAKE001', domain: 'hpvm-ops', name: 'HPVM Ops' };
export const DEFAULT_BOT: BotIdentity = {
  userId: 'U0BOT0001',
  botId: 'B0BOT0001',
  appId: 'A0APP0001',
  name: 'hpvm-chatops',
};
/** The deprecated verification token Slack still puts in command and interactivity bodies. */
export const VERIFICATION_TOKEN = 'fakeVerificationToken0001';

export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  const team: Team = { ...DEFAULT_TEAM, ...options.team };
  const bot: BotIdentity = { ...DEFAULT_BOT, ...options.bot };
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const declared = options.channels === undefined ? undefined : new Map(options.channels.map((c) => [c.id, c]));
  return {
    team,
    bot,
    users,
    userGroups: new Map(Object.entries(options.userGroups ?? {})),
    userGroupsError: options.userGroupsError,
    channel(id) {
      if (declared !== undefined) return declared.get(id);
      return CHANNEL_ID.test(id) ? { id, name: id.toLowerCase() } : undefined;
    },
    user: (id) => users.get(id),
  };
}

/** The `user` object of users.info, trimmed to the fields a bot reads. */
export function userInfo(user: WorkspaceUser, team: Team): Record<string, unknown> {
  const realName = user.realName ?? '';
  const displayName = user.displayName ?? '';
  return {
    id: user.id,
    team_id: team.id,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/Berlin',
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      team: team.id,
    },
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
  };
}
