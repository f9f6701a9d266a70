/**
 * User-group membership from Slack (usergroups.users.list, scope usergroups:read). User groups exist only
 * on paid plans: `plan_upgrade_required` and every other failure answer "unknown", and the approval
 * check then relies on the configured user ids alone. Answers are cached (Tier 2 method).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock, Directory } from '../../ports.ts';

const CACHE_MS = 5 * 60_000;

export class SlackDirectory implements Directory {
  private readonly cache = new Map<string, { members: readonly string[] | undefined; until: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async userGroupMembers(groupId: string): Promise<readonly string[] | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(groupId);
    if (cached && cached.until > now) return cached.members;
    let members: readonly string[] | undefined;
    try {
      const result = await this.client.usergroups.users.list({ usergroup: groupId });
      members = result.users ?? [];
    } catch (error) {
      this.logger.warn(
        { component: 'slack-directory', groupId, error: (error as Error).message },
        'user group lookup failed; only the configured approver ids count',
      );
      members = undefined;
    }
    this.cache.set(groupId, { members, until: now + CACHE_MS });
    return members;
  }
}
