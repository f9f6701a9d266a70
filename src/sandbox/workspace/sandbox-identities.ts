/**
 * Who is in the sandbox's workspace: one channel, the bot, and three people, so four-eyes approval can be
 * tried from one browser: a requester, an approver (the only one on the bot's approver list) and someone
 * who may not approve.
 */
import type { BotIdentity, Team, WorkspaceChannel, WorkspaceUser } from './workspace.ts';

export type SandboxRole = 'requester' | 'approver' | 'bystander';

export interface SandboxUser extends WorkspaceUser {
  readonly role: SandboxRole;
  /** What the user switcher says about them. */
  readonly roleText: string;
}

export const SANDBOX_TEAM: Team = { id: 'T0SANDBOX1', domain: 'hpvm-sandbox', name: 'HPVM sandbox' };

export const SANDBOX_BOT: BotIdentity = {
  userId: 'U0HPVMBOT1',
  botId: 'B0HPVMBOT1',
  appId: 'A0HPVMAPP1',
  name: 'hpvm-chatops',
};

export const SANDBOX_CHANNEL: WorkspaceChannel = { id: 'C0VMOPS001', name: 'vm-ops' };

export const SANDBOX_USERS: readonly SandboxUser[] = [
  {
    id: 'U0DANA0001',
    name: 'dana',
    realName: 'Dana Reyes',
    displayName: 'Dana',
    role: 'requester',
    roleText: 'requester',
  },
  { id: 'U0SAM00001', name: 'sam', realName: 'Sam Okafor', displayName: 'Sam', role: 'approver', roleText: 'approver' },
  {
    id: 'U0KIM00001',
    name: 'kim',
    realName: 'Kim Larsen',
    displayName: 'Kim',
    role: 'bystander',
    roleText: 'not an approver',
  },
];

export function sandboxUser(role: SandboxRole): SandboxUser {
  const user = SANDBOX_USERS.find((candidate) => candidate.role === role);
  if (user === undefined) throw new Error(`no sandbox user with role ${role}`);
  return user;
}
