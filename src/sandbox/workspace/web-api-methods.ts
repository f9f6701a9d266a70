/**
 * The Web API methods the workspace implements, with Slack's argument names, response shapes and error codes.
 * A handler returns the JSON body; `violation` marks a call a correct bot never makes (the strict part).
 */
import { checkMessageContent } from './block-rules.ts';
import type { StoredMessage, JsonObject, MessageStore } from './message-store.ts';
import { userInfo, type Workspace } from './workspace.ts';

export type ViolationKind =
  | 'unknown_method'
  | 'not_authed'
  | 'invalid_auth'
  | 'bad_request'
  | 'invalid_arguments'
  | 'invalid_message'
  | 'unknown_thread'
  | 'post_rate_exceeded'
  | 'response_url_overuse'
  | 'response_url_unknown';

export interface MethodOutcome {
  readonly body: JsonObject;
  readonly violation?: { readonly kind: ViolationKind; readonly detail: string };
}

export interface MethodContext {
  readonly workspace: Workspace;
  readonly store: MessageStore;
}

type MethodHandler = (args: JsonObject, context: MethodContext) => MethodOutcome;

export const webApiMethods: Readonly<Record<string, MethodHandler>> = {
  'auth.test': (_args, { workspace: { team, bot } }) =>
    ok({
      url: `https://${team.domain}.slack.com/`,
      team: team.name,
      user: bot.name,
      team_id: team.id,
      user_id: bot.userId,
      bot_id: bot.botId,
      is_enterprise_install: false,
    }),
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'users.info': (args, { workspace }) => {
    const id = stringArg(args, 'user');
    if (id === undefined) return missing('user', 'user_not_found');
    const user = workspace.user(id);
    return user === undefined ? error('user_not_found') : ok({ user: userInfo(user, workspace.team) });
  },
  'usergroups.users.list': (args, { workspace }) => {
    if (workspace.userGroupsError !== undefined) return error(workspace.userGroupsError);
    const group = stringArg(args, 'usergroup');
    if (group === undefined) return missing('usergroup', 'no_such_subteam');
    const members = workspace.userGroups.get(group);
    return members === undefined ? error('no_such_subteam') : ok({ users: [...members] });
  },
};

/** The `message` object Slack returns from chat.postMessage / chat.update and puts in block_actions. */
export function messageJson(message: StoredMessage, workspace: Workspace): JsonObject {
  const { bot, team } = workspace;
  return {
    type: 'message',
    user: message.user,
    bot_id: message.botId,
    app_id: bot.appId,
    text: message.text,
    blocks: structuredClone(message.blocks),
    ts: message.ts,
    team: team.id,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs, parent_user_id: message.user }),
    ...(message.history.length === 0 ? {} : { edited: { user: message.user, ts: message.ts } }),
    bot_profile: { id: bot.botId, app_id: bot.appId, name: bot.name, team_id: team.id, deleted: false },
  };
}

function postMessage(args: JsonObject, { workspace, store }: MethodContext): MethodOutcome {
  const channelId = stringArg(args, 'channel');
  if (channelId === undefined) return missing('channel', 'channel_not_found');
  const channel = workspace.channel(channelId);
  if (channel === undefined) return error('channel_not_found');
  if (channel.botMember === false) return error('not_in_channel');
  const content = checkMessageContent(args);
  if (!content.ok) return invalidContent('chat.postMessage', content.error, content.errors);
  let threadTs = stringArg(args, 'thread_ts');
  let violation: MethodOutcome['violation'];
  if (threadTs !== undefined) {
    const parent = store.find(channelId, threadTs);
    // A reply to a reply lands in the parent's thread.
    if (parent?.threadTs !== undefined) threadTs = parent.threadTs;
    if (parent === undefined)
      violation = { kind: 'unknown_thread', detail: `thread_ts ${threadTs} is no message in ${channelId}` };
  }
  const message = store.post({
    channel: channelId,
    threadTs,
    user: workspace.bot.userId,
    botId: workspace.bot.botId,
    replyBroadcast: args.reply_broadcast === true || args.reply_broadcast === 'true',
    text: stringArg(args, 'text') ?? '',
    blocks: content.blocks ?? [],
  });
  const outcome = ok({ channel: channelId, ts: message.ts, message: messageJson(message, workspace) });
  return violation === undefined ? outcome : { ...outcome, violation };
}

function update(args: JsonObject, { workspace, store }: MethodContext): MethodOutcome {
  const channelId = stringArg(args, 'channel');
  const ts = stringArg(args, 'ts');
  if (channelId === undefined) return missing('channel', 'channel_not_found');
  if (ts === undefined) return missing('ts', 'message_not_found');
  if (workspace.channel(channelId) === undefined) return error('channel_not_found');
  const message = store.find(channelId, ts);
  if (message === undefined || message.deleted) return error('message_not_found');
  if (message.user !== workspace.bot.userId) return error('cant_update_message');
  const content = checkMessageContent(args);
  if (!content.ok) return invalidContent('chat.update', content.error, content.errors);
  // Omitted blocks keep the old ones (docs/slack-platform.md, "Posting and updating messages"); `blocks: []` removes them.
  store.edit(message, { text: stringArg(args, 'text'), blocks: content.blocks });
  return ok({ channel: channelId, ts, text: message.text, message: messageJson(message, workspace) });
}

function postEphemeral(args: JsonObject, { workspace, store }: MethodContext): MethodOutcome {
  const channelId = stringArg(args, 'channel');
  const user = stringArg(args, 'user');
  if (channelId === undefined) return missing('channel', 'channel_not_found');
  if (user === undefined) return missing('user', 'user_not_in_channel');
  const channel = workspace.channel(channelId);
  if (channel === undefined) return error('channel_not_found');
  if (channel.members !== undefined && !channel.members.includes(user)) return error('user_not_in_channel');
  const content = checkMessageContent(args);
  if (!content.ok) return invalidContent('chat.postEphemeral', content.error, content.errors);
  const ephemeral = store.postEphemeral({
    channel: channelId,
    user,
    threadTs: stringArg(args, 'thread_ts'),
    text: stringArg(args, 'text') ?? '',
    blocks: content.blocks ?? [],
    via: 'chat.postEphemeral',
  });
  return ok({ message_ts: ephemeral.messageTs });
}

function ok(fields: JsonObject): MethodOutcome {
  return { body: { ok: true, ...fields } };
}

function error(code: string): MethodOutcome {
  return { body: { ok: false, error: code } };
}

function missing(argument: string, code: string): MethodOutcome {
  return { body: { ok: false, error: code }, violation: { kind: 'invalid_arguments', detail: `missing ${argument}` } };
}

/** Slack lists block problems in `errors` and as `[ERROR]` lines, which WebClient logs. */
export function invalidContent(where: string, code: string, errors: readonly string[]): MethodOutcome {
  return {
    body: { ok: false, error: code, errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } },
    violation: { kind: 'invalid_message', detail: `${where}: ${code}: ${errors.join('; ')}` },
  };
}

function stringArg(args: JsonObject, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
