/**
 * What the page is sent: messages and ephemeral messages in a flat JSON form, and the first state of a
 * session (who is who, the channel with its threads, the viewer's own ephemeral messages, the fleet).
 * Ephemeral messages only ever go to their user.
 */
import type { FleetSnapshot } from '../../sim/fleet-snapshot.ts';
import type { EphemeralMessage, JsonObject, MessageStore, StoredMessage } from './message-store.ts';
import type { SandboxUser } from './sandbox-identities.ts';
import type { Workspace, WorkspaceChannel } from './workspace.ts';

export interface PageMessage {
  readonly ts: string;
  readonly threadTs: string | null;
  readonly user: string;
  readonly isBot: boolean;
  readonly text: string;
  readonly blocks: readonly JsonObject[];
  readonly edited: boolean;
  readonly deleted: boolean;
}

export interface PageEphemeral {
  readonly ts: string;
  readonly threadTs: string | null;
  readonly user: string;
  readonly fromSlackbot: boolean;
  readonly command: string | null;
  readonly text: string;
  readonly blocks: readonly JsonObject[];
}

export interface PageSession {
  readonly me: string;
  readonly team: string;
  readonly channel: { readonly id: string; readonly name: string };
  readonly bot: { readonly id: string; readonly name: string };
  readonly users: readonly { id: string; name: string; realName: string; role: string; roleText: string }[];
  readonly messages: readonly PageMessage[];
  readonly ephemerals: readonly PageEphemeral[];
  readonly fleet: FleetSnapshot | null;
}

export function pageMessage(message: StoredMessage): PageMessage {
  return {
    ts: message.ts,
    threadTs: message.threadTs ?? null,
    user: message.user,
    isBot: message.botId !== undefined,
    text: message.text,
    blocks: message.blocks,
    edited: message.history.length > 0,
    deleted: message.deleted,
  };
}

export function pageEphemeral(ephemeral: EphemeralMessage): PageEphemeral {
  return {
    ts: ephemeral.messageTs,
    threadTs: ephemeral.threadTs ?? null,
    user: ephemeral.user,
    fromSlackbot: ephemeral.via === 'slackbot',
    command: ephemeral.command ?? null,
    text: ephemeral.text,
    blocks: ephemeral.blocks,
  };
}

export function pageSession(input: {
  readonly me: string;
  readonly workspace: Workspace;
  readonly channel: WorkspaceChannel;
  readonly users: readonly SandboxUser[];
  readonly store: MessageStore;
  readonly fleet: FleetSnapshot | null;
}): PageSession {
  const { workspace, channel, store } = input;
  return {
    me: input.me,
    team: workspace.team.name,
    channel: { id: channel.id, name: channel.name },
    bot: { id: workspace.bot.userId, name: workspace.bot.name },
    users: input.users.map((user) => ({
      id: user.id,
      name: user.displayName ?? user.name,
      realName: user.realName ?? user.name,
      role: user.role,
      roleText: user.roleText,
    })),
    messages: store
      .all(channel.id)
      .filter((message) => !message.deleted)
      .map(pageMessage),
    ephemerals: store.ephemerals(channel.id, input.me).map(pageEphemeral),
    fleet: input.fleet,
  };
}
