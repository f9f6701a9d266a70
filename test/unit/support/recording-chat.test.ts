import { describe, expect, it } from 'vitest';
import { ChatPlatformError, RecordingChat, chatText } from '../../support/memory/recording-chat.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('RecordingChat', () => {
  it('assigns increasing fake ts values and keeps top-level messages per channel', async () => {
    const chat = new RecordingChat();
    const first = await chat.post('C1', { text: 'one' });
    const second = await chat.post('C2', { text: 'two' });
    const third = await chat.post('C1', { text: 'three' });
    expect([first.ts, second.ts, third.ts]).toEqual(['1700000000.000100', '1700000000.000200', '1700000000.000300']);
    expect(chat.messages('C1').map((message) => message.message.text)).toEqual(['one', 'three']);
    expect(chat.messages('C2').map((message) => message.ts)).toEqual([second.ts]);
    expect(chat.messages('C3')).toEqual([]);
  });

  it('carries the ts over into the seconds after 9999 posts, still increasing', async () => {
    const chat = new RecordingChat();
    const all: string[] = [];
    for (let index = 0; index < 10_000; index += 1) all.push((await chat.post('C1', { text: 'x' })).ts);
    expect(all.at(-2)).toBe('1700000000.999900');
    expect(all.at(-1)).toBe('1700000001.000000');
  });

  it('keeps thread replies apart from the channel, and a reply to a reply lands in the parent thread', async () => {
    const chat = new RecordingChat();
    const { ts: parent } = await chat.post('C1', { text: 'preview' });
    const { ts: reply } = await chat.post('C1', { text: 'started' }, { threadTs: parent });
    await chat.post('C1', { text: 'done' }, { threadTs: reply });
    expect(chat.messages('C1').map((message) => message.message.text)).toEqual(['preview']);
    expect(chat.thread('C1', parent).map((message) => [message.message.text, message.threadTs])).toEqual([
      ['started', parent],
      ['done', parent],
    ]);
    expect(() => chat.thread('C1', reply)).toThrow(/is a reply/);
    expect(() => chat.thread('C1', '1.2')).toThrow(/no message 1\.2 in C1/);
  });

  it('refuses a reply to a thread never posted in that channel', async () => {
    const chat = new RecordingChat();
    const { ts } = await chat.post('C1', { text: 'preview' });
    const error = await chat.post('C2', { text: 'lost' }, { threadTs: ts }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatPlatformError);
    expect(error).toMatchObject({ data: { error: 'thread_not_found' } });
    expect(chat.messages('C2')).toEqual([]);
    expect(chat.calls.at(-1)).toMatchObject({ method: 'post', channel: 'C2', threadTs: ts, error });
  });

  it('keeps the current version and the history of an edited message', async () => {
    const chat = new RecordingChat();
    const { ts } = await chat.post('C1', { text: 'v1', blocks: [section('*first*')] });
    await chat.update('C1', ts, { text: 'v2', blocks: [section('*second*')] }, { throttleMs: 0 });
    await chat.update('C1', ts, { text: 'v3' });
    expect(chat.current('C1', ts)).toEqual({ text: 'v3' });
    expect(chat.message('C1', ts).versions.map((version) => version.text)).toEqual(['v1', 'v2', 'v3']);
    expect(chat.calls.map((call) => call.method)).toEqual(['post', 'update', 'update']);
    expect(chat.calls[1]).toMatchObject({ method: 'update', ts, throttleMs: 0 });
  });

  it('refuses to edit a message never posted, like message_not_found', async () => {
    const chat = new RecordingChat();
    const { ts } = await chat.post('C1', { text: 'v1' });
    await expect(chat.update('C2', ts, { text: 'v2' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'message_not_found' },
    });
    await expect(chat.update('C1', '1700000099.000000', { text: 'v2' })).rejects.toThrow(/message_not_found/);
    expect(chat.current('C1', ts)).toEqual({ text: 'v1' });
  });

  it('records what was sent, not what the caller changed afterwards', async () => {
    const chat = new RecordingChat();
    const message = { text: 'v1', blocks: [section('before')] };
    const { ts } = await chat.post('C1', message);
    message.text = 'changed';
    message.blocks[0]!.text.text = 'after';
    expect(chat.text(chat.current('C1', ts))).toBe('v1\nbefore');
  });

  it('keeps ephemerals per user and responses per response URL', async () => {
    const chat = new RecordingChat();
    await chat.postEphemeral('C1', 'U1', { text: 'only you' });
    await chat.postEphemeral('C2', 'U1', { text: 'elsewhere' });
    await chat.postEphemeral('C1', 'U2', { text: 'not you' });
    await chat.respond('https://hooks.example/1', { text: 'usage' });
    await chat.respond('https://hooks.example/1', { text: 'replaced' }, { replaceOriginal: true });
    await chat.respond('https://hooks.example/2', { text: 'other' });
    expect(chat.ephemerals('U1').map((ephemeral) => ephemeral.message.text)).toEqual(['only you', 'elsewhere']);
    expect(chat.ephemerals('U1', 'C2').map((ephemeral) => ephemeral.message.text)).toEqual(['elsewhere']);
    expect(chat.responses('https://hooks.example/1')).toEqual([
      { responseUrl: 'https://hooks.example/1', message: { text: 'usage' }, replaceOriginal: false },
      { responseUrl: 'https://hooks.example/1', message: { text: 'replaced' }, replaceOriginal: true },
    ]);
    expect(chat.allMessages()).toEqual([]);
  });

  it.each(['post', 'update', 'postEphemeral', 'respond'] as const)(
    'fails the next %s once with the injected error, changing nothing',
    async (method) => {
      const chat = new RecordingChat();
      const { ts } = await chat.post('C1', { text: 'v1' });
      const injected = new Error(`${method} is down`);
      chat.failNext(method, injected);
      const call = {
        post: () => chat.post('C1', { text: 'x' }),
        update: () => chat.update('C1', ts, { text: 'x' }),
        postEphemeral: () => chat.postEphemeral('C1', 'U1', { text: 'x' }),
        respond: () => chat.respond('https://hooks.example/1', { text: 'x' }),
      }[method];
      await expect(call()).rejects.toBe(injected);
      expect(chat.allMessages().map((message) => message.message.text)).toEqual(['v1']);
      expect(chat.ephemerals('U1')).toEqual([]);
      expect(chat.responses('https://hooks.example/1')).toEqual([]);
      await expect(call()).resolves.not.toThrow();
      expect(chat.calls.filter((recorded) => recorded.method === method).map((recorded) => recorded.error)).toEqual(
        method === 'post' ? [undefined, injected, undefined] : [injected, undefined],
      );
    },
  );

  it('reads the fallback text and every text inside the blocks', () => {
    const message = {
      text: 'Move REQ-1',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'REQ-1' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'by <@U1>' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' } }] },
      ],
    };
    expect(chatText(message)).toBe('Move REQ-1\nREQ-1\nby <@U1>\nApprove');
    expect(new RecordingChat().text({ text: 'plain' })).toBe('plain');
  });
});
