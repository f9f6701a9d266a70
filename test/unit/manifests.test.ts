/**
 * The Slack app manifests create the app the code expects: /migrate with interactivity at Bolt's endpoint
 * (HTTP) or over Socket Mode, and every bot scope the Web API methods the bot calls need — no more.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

interface Manifest {
  features: { slash_commands: { command: string; url?: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

function manifest(name: string): Manifest {
  return parse(readFileSync(new URL(`../../manifests/${name}`, import.meta.url), 'utf8')) as Manifest;
}

/** The Web API methods the bot calls, and the scope each needs (reference/slack.md §5, §8). */
const SCOPES = ['commands', 'chat:write', 'chat:write.public', 'usergroups:read'];

describe.each(['slack-app.http.yaml', 'slack-app.socket.yaml'])('%s', (name) => {
  const app = manifest(name);
  const socket = name.includes('socket');

  it('defines /migrate, unescaped text, and interactivity', () => {
    expect(app.features.slash_commands.map((command) => command.command)).toEqual(['/migrate']);
    expect(app.features.slash_commands[0]?.should_escape).toBe(false);
    expect(app.settings.interactivity.is_enabled).toBe(true);
    expect(app.settings.socket_mode_enabled).toBe(socket);
  });

  it('points HTTP requests at Bolt’s endpoint, or none in Socket Mode', () => {
    const urls = [app.features.slash_commands[0]?.url, app.settings.interactivity.request_url];
    if (socket) expect(urls).toEqual([undefined, undefined]);
    else for (const url of urls) expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
  });

  it('asks for exactly the scopes the bot uses', () => {
    expect([...app.oauth_config.scopes.bot].sort()).toEqual([...SCOPES].sort());
  });
});
