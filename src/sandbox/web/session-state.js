/**
 * What the page knows: who is who, the channel's messages (with a revision each, so views redraw only
 * what changed), the viewer's ephemeral messages, and the latest fleet snapshot.
 */

export function createState() {
  let session = null;
  let revision = 0;
  const messages = new Map();
  const ephemerals = new Map();
  let fleet = null;

  function stamp(item) {
    revision += 1;
    return { ...item, revision };
  }

  const names = {
    user: (id) => {
      if (session === null) return undefined;
      if (id === session.bot.id) return session.bot.name;
      return session.users.find((user) => user.id === id)?.name;
    },
    role: (id) => session?.users.find((user) => user.id === id)?.role,
    channel: (id) => (session && id === session.channel.id ? session.channel.name : undefined),
    group: () => undefined,
  };

  function byTs(a, b) {
    return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
  }

  function replies(ts) {
    const own = [...messages.values()].filter((m) => m.threadTs === ts && !m.deleted);
    const mine = [...ephemerals.values()].filter((e) => e.threadTs === ts);
    return [...own, ...mine].sort(byTs);
  }

  return {
    names,
    get session() {
      return session;
    },
    get fleet() {
      return fleet;
    },
    reset(data) {
      session = data;
      messages.clear();
      ephemerals.clear();
      for (const message of data.messages) messages.set(message.ts, stamp(message));
      for (const ephemeral of data.ephemerals) ephemerals.set(ephemeral.ts, stamp({ ...ephemeral, ephemeral: true }));
      fleet = data.fleet;
    },
    upsertMessage(message) {
      messages.set(message.ts, stamp(message));
    },
    addEphemeral(ephemeral) {
      ephemerals.set(ephemeral.ts, stamp({ ...ephemeral, ephemeral: true }));
    },
    setFleet(snapshot) {
      fleet = snapshot;
    },
    message: (ts) => messages.get(ts),
    replies,
    /** Channel messages and the viewer's ephemeral messages outside threads, oldest first. */
    timeline() {
      const top = [...messages.values()].filter((m) => m.threadTs === null && !m.deleted);
      const mine = [...ephemerals.values()].filter((e) => e.threadTs === null);
      return [...top, ...mine].sort(byTs);
    },
  };
}
