/**
 * A button's `confirm` object as a modal dialog: title, mrkdwn text, deny and confirm buttons. The
 * confirm button has the focus, so Enter confirms and Escape cancels; focus stays inside while it is open.
 */
import { renderText } from './block-elements.js';

export function createConfirm(dialog, names) {
  const title = dialog.querySelector('[data-part="title"]');
  const text = dialog.querySelector('[data-part="text"]');
  const confirmButton = dialog.querySelector('[data-part="confirm"]');
  const denyButton = dialog.querySelector('[data-part="deny"]');

  return function confirm(spec) {
    return new Promise((resolve) => {
      const context = { names };
      title.replaceChildren(renderText(spec.title ?? { type: 'plain_text', text: 'Are you sure?' }, context));
      text.replaceChildren(renderText(spec.text ?? { type: 'plain_text', text: '' }, context));
      confirmButton.replaceChildren(renderText(spec.confirm ?? { type: 'plain_text', text: 'Yes' }, context));
      denyButton.replaceChildren(renderText(spec.deny ?? { type: 'plain_text', text: 'Cancel' }, context));
      confirmButton.className = `bk-button ${spec.style === 'danger' ? 'danger' : 'primary'}`;

      const finish = (answer) => {
        confirmButton.removeEventListener('click', onConfirm);
        denyButton.removeEventListener('click', onDeny);
        dialog.removeEventListener('cancel', onCancel);
        dialog.removeEventListener('keydown', onKey);
        dialog.close();
        resolve(answer);
      };
      const onConfirm = () => finish(true);
      const onDeny = () => finish(false);
      // Escape: the browser's cancel event; closing is ours, so the promise always settles.
      const onCancel = (event) => {
        event.preventDefault();
        finish(false);
      };
      const onKey = (event) => {
        if (event.key !== 'Enter' || event.target === denyButton) return;
        event.preventDefault();
        finish(true);
      };
      confirmButton.addEventListener('click', onConfirm);
      denyButton.addEventListener('click', onDeny);
      dialog.addEventListener('cancel', onCancel);
      dialog.addEventListener('keydown', onKey);
      dialog.showModal();
      confirmButton.focus();
    });
  };
}
