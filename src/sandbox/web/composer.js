/**
 * The message box: Enter sends (a slash command to the bot, anything else as a plain message), ↑ and ↓
 * walk through what was sent before (kept across reloads), and the example buttons fill it in.
 */
/* global document, localStorage */
const HISTORY_KEY = 'hpvm-sandbox-history';
const HISTORY_MAX = 50;

export function createComposer(form, { send }) {
  const input = form.querySelector('input');
  const history = loadHistory();
  let position = history.length;
  let draft = '';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    if (history.at(-1) !== text) history.push(text);
    history.splice(0, Math.max(0, history.length - HISTORY_MAX));
    saveHistory(history);
    position = history.length;
    draft = '';
    input.value = '';
    await send(text);
  });

  input.addEventListener('keydown', (event) => {
    if (event.isComposing || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if (event.key === 'ArrowUp') {
      if (position === 0) return;
      if (position === history.length) draft = input.value;
      position -= 1;
    } else {
      if (position >= history.length) return;
      position += 1;
    }
    event.preventDefault();
    input.value = position === history.length ? draft : history[position];
    input.setSelectionRange(input.value.length, input.value.length);
  });

  for (const example of document.querySelectorAll('[data-example]')) {
    example.addEventListener('click', () => {
      input.value = example.dataset.example;
      input.focus();
    });
  }

  return { focus: () => input.focus() };
}

function loadHistory() {
  try {
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((entry) => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(history) {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // Private windows may refuse storage; the history then lasts until reload.
  }
}
