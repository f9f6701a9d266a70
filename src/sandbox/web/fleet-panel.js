/**
 * The simulated fleet beside the channel, live: per VSP its version, processor and load (CPU load =
 * Σ usage × vCPUs ÷ cores; memory used of total) and its guests with state, and the migrations in flight.
 * Cards stay in place between snapshots, so an open/closed VSP and the focus survive updates.
 */
import { h } from './dom.js';

const OS_NAMES = { HPUX: 'HP-UX', LINUX: 'Linux', WINDOWS: 'Windows', OVMS: 'OpenVMS' };
const STATE_NAMES = { On: 'On', Off: 'Off', NR: 'Off (NR)' };

export function createFleetPanel(aside) {
  const summary = aside.querySelector('[data-part="summary"]');
  const migrationsLine = aside.querySelector('[data-part="migrations"]');
  const container = aside.querySelector('[data-part="vsps"]');
  const cards = new Map();

  function render(snapshot) {
    if (!snapshot) {
      summary.textContent = 'No simulated fleet.';
      return;
    }
    const guests = snapshot.vsps.flatMap((vsp) => vsp.guests.filter((guest) => guest.state !== 'NR'));
    const running = guests.filter((guest) => guest.state === 'On').length;
    summary.textContent = `${snapshot.vsps.length} VSPs · ${guests.length} guests · ${running} running`;
    migrationsLine.replaceChildren(
      snapshot.migrations.length === 0
        ? 'No migration running.'
        : h('span', {}, 'Migrating: ', snapshot.migrations.map(describeMigration).join('; ')),
    );
    for (const vsp of snapshot.vsps) {
      const card = cards.get(vsp.name) ?? createCard(vsp.name);
      updateCard(card, vsp, snapshot.migrations);
    }
  }

  function createCard(name) {
    const heading = h('span', { class: 'vsp-name', id: `vsp-${name}` }, name);
    const facts = h('span', { class: 'vsp-facts' });
    const cpu = meter('CPU');
    const memory = meter('Memory');
    const list = h('ul', { class: 'guests', 'aria-label': `Guests on ${name}` });
    const details = h(
      'details',
      { open: true },
      h('summary', {}, h('span', { class: 'vsp-title' }, heading, facts), cpu.node, memory.node),
      list,
    );
    const section = h('section', { class: 'vsp', dataset: { vsp: name }, 'aria-labelledby': `vsp-${name}` }, details);
    container.append(section);
    const card = { facts, cpu, memory, list };
    cards.set(name, card);
    return card;
  }

  return { render };
}

function updateCard(card, vsp, migrations) {
  card.facts.textContent = `HPVM ${vsp.hpvmVersion} · family ${vsp.cpuFamily} model ${vsp.cpuModel} · ${vsp.cores} cores`;
  card.cpu.set(`CPU ${vsp.cpuLoadPct.toFixed(0)}%`, vsp.cpuLoadPct);
  const usedMb = vsp.memoryMb - vsp.freeMemoryMb;
  card.memory.set(`Memory ${gb(usedMb, 1)} of ${gb(vsp.memoryMb, 0)} GB`, (usedMb / vsp.memoryMb) * 100);
  card.list.replaceChildren(...vsp.guests.map((guest) => guestRow(guest, vsp.name, migrations)));
}

function guestRow(guest, vspName, migrations) {
  const migration = migrations.find((candidate) => candidate.guest === guest.name);
  const facts = [OS_NAMES[guest.os] ?? guest.os, `${guest.vcpus} vCPU`, `${gb(guest.memoryMb, 0)} GB`];
  if (guest.state === 'On') facts.push(`${Math.round(guest.cpuUsagePct)}%`);
  return h(
    'li',
    {
      class: `guest state-${guest.state.toLowerCase()}${guest.migrating ? ` migrating-${guest.migrating}` : ''}`,
      dataset: { guest: guest.name, state: guest.state },
      title:
        guest.state === 'NR'
          ? `A stale copy: ${guest.name} runs on another VSP.`
          : `${guest.name}: ${facts.join(', ')}${guest.state === 'On' ? ' of its vCPUs busy' : ''}`,
    },
    h(
      'span',
      { class: 'guest-name' },
      guest.name,
      guest.kind === 'vpar' ? h('span', { class: 'guest-kind' }, 'vPar') : '',
    ),
    h('span', { class: 'guest-facts' }, facts.join(' · ')),
    h('span', { class: 'guest-state' }, STATE_NAMES[guest.state] ?? guest.state),
    migration ? h('span', { class: 'guest-migrating' }, migrationNote(migration, vspName)) : '',
  );
}

function migrationNote(migration, vspName) {
  const where = migration.source === vspName ? `→ ${migration.target}` : `← ${migration.source}`;
  return `${where} · ${migration.phase} ${migration.percent}%`;
}

function describeMigration(migration) {
  return `${migration.guest} ${migration.source} → ${migration.target} (${migration.mode}, ${migration.phase} ${migration.percent}%)`;
}

function meter(label) {
  const text = h('span', { class: 'meter-label' }, label);
  const fill = h('i');
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, fill);
  const node = h('span', { class: 'meter' }, text, bar);
  return {
    node,
    set(caption, percent) {
      text.textContent = caption;
      fill.style.width = `${Math.min(100, Math.max(0, percent))}%`;
      bar.classList.toggle('high', percent >= 80 && percent <= 100);
      bar.classList.toggle('over', percent > 100);
    },
  };
}

function gb(mb, digits) {
  return (mb / 1024).toFixed(digits);
}
