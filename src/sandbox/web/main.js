/**
 * The sandbox page: the channel, its threads, the viewer's ephemeral messages, the message box, the user
 * switcher and the fleet panel, wired to the live session. Everything a message says is drawn by
 * mrkdwn.js and blocks.js as text nodes.
 */
/* global document, localStorage */
import { h } from './dom.js';
import { createComposer } from './composer.js';
import { createConfirm } from './confirm-dialog.js';
import { createFleetPanel } from './fleet-panel.js';
import { connectLive, post } from './live-session.js';
import { createMessageList } from './message-list.js';
import { createState } from './session-state.js';
import { createThreadView } from './thread-view.js';

const USER_KEY = 'hpvm-sandbox-user';
const state = createState();
const checkboxes = new Map();
const status = document.getElementById('status');
const scroller = document.getElementById('timeline-scroller');
const userSelect = document.getElementById('user-select');
const confirm = createConfirm(document.getElementById('confirm'), state.names);
const fleetPanel = createFleetPanel(document.getElementById('fleet'));
let me = localStorage.getItem(USER_KEY) ?? '';
let live;

const view = {
  get session() {
    return state.session;
  },
  names: state.names,
  replies: (ts) => state.replies(ts),
  openThread: (ts) => thread.open(ts),
  blockContext: (message, ephemeral) => ({
    names: state.names,
    confirm,
    async act(ref) {
      const answer = await post('/ui/action', { user: me, ts: message.ts, ephemeral, ...ref });
      if (!answer.ok)
        announce(
          answer.error === 'element_gone'
            ? 'That message changed: try again on its new version.'
            : `The click failed (${answer.error}).`,
        );
    },
    checkboxValues: (blockId, actionId) => checkboxes.get(checkboxKey(message.ts, blockId, actionId)),
    rememberCheckboxes: (blockId, actionId, values) =>
      checkboxes.set(checkboxKey(message.ts, blockId, actionId), values),
  }),
};
const timeline = createMessageList(document.getElementById('timeline'), view);
const thread = createThreadView(document.getElementById('thread'), view, state);

function checkboxKey(ts, blockId, actionId) {
  return JSON.stringify([me, ts, blockId, actionId]);
}

function refreshChannel({ follow = false } = {}) {
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  timeline.sync(state.timeline(), (item) => {
    const replies = state.replies(item.ts);
    return `${item.revision}:${replies.length}:${replies.at(-1)?.ts ?? ''}`;
  });
  if (atBottom || follow) scroller.scrollTop = scroller.scrollHeight;
  thread.refresh();
}

function announce(text) {
  status.textContent = text;
}

function connect(userId) {
  live?.close();
  live = connectLive(userId, {
    session(data) {
      state.reset(data);
      me = data.me;
      fillUserSelect(data.users);
      timeline.clear();
      refreshChannel({ follow: true });
      fleetPanel.render(state.fleet);
    },
    message(message) {
      state.upsertMessage(message);
      refreshChannel();
    },
    ephemeral(ephemeral) {
      state.addEphemeral(ephemeral);
      refreshChannel({ follow: ephemeral.threadTs === null });
    },
    fleet(snapshot) {
      state.setFleet(snapshot);
      fleetPanel.render(snapshot);
    },
    connection(ok) {
      const banner = document.getElementById('connection');
      banner.hidden = ok;
      banner.textContent = ok ? '' : 'Not connected to the sandbox: is `npm start` still running? Retrying…';
    },
  });
}

function fillUserSelect(users) {
  userSelect.replaceChildren(
    ...users.map((user) =>
      h('option', { value: user.id, selected: user.id === me }, `${user.realName} — ${user.roleText}`),
    ),
  );
  document.body.dataset.role = users.find((user) => user.id === me)?.role ?? '';
}

userSelect.addEventListener('change', () => {
  me = userSelect.value;
  localStorage.setItem(USER_KEY, me);
  checkboxes.clear();
  const user = state.session?.users.find((candidate) => candidate.id === me);
  announce(user ? `You are now ${user.name}, ${user.roleText}.` : '');
  connect(me);
});

createComposer(document.getElementById('composer'), {
  async send(text) {
    announce(text.startsWith('/') ? `Sent ${text.split(/\s/)[0]}…` : '');
    const answer = text.startsWith('/')
      ? await post('/ui/command', { user: me, text })
      : await post('/ui/message', { user: me, text });
    announce(answer.ok ? '' : `Not sent (${answer.error}).`);
    scroller.scrollTop = scroller.scrollHeight;
  },
});

const fleetToggle = document.getElementById('fleet-toggle');
fleetToggle.addEventListener('click', () => {
  const hidden = document.getElementById('fleet').toggleAttribute('hidden');
  fleetToggle.setAttribute('aria-expanded', String(!hidden));
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && thread.isOpen && document.querySelector('dialog[open]') === null) thread.close();
});

connect(me);
