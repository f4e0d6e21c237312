// Small behaviours wired by event delegation, so templates need no inline handlers.

function submitForm(form) {
  if (!form) return;
  // requestSubmit fires a submit event, so htmx-enhanced forms go through htmx.
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.submit();
}

export function initBehaviours() {
  // <select data-autosubmit> (or any control inside <form data-autosubmit>) submits its form on change.
  // The language switch, <select data-locale-switch>, does the same.
  document.addEventListener('change', (e) => {
    const el = e.target;
    if (!(el instanceof Element)) return;
    const trigger = el.closest('[data-autosubmit], [data-locale-switch]');
    if (!trigger) return;
    submitForm(el.form || trigger.closest('form'));
  });

  // <button data-dialog-open="dialog-id"> opens <dialog id="dialog-id" class="dialog">;
  // <button data-dialog-close> closes the dialog it sits in (or use <form method="dialog">).
  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    // <button data-print> prints the page (activation sheets, SOP checklists).
    if (t.closest('[data-print]')) {
      e.preventDefault();
      window.print();
      return;
    }
    const opener = t.closest('[data-dialog-open]');
    if (opener) {
      const dlg = document.getElementById(opener.getAttribute('data-dialog-open'));
      if (dlg && typeof dlg.showModal === 'function') {
        e.preventDefault();
        if (!dlg.open) dlg.showModal();
      }
      return;
    }
    const closer = t.closest('[data-dialog-close]');
    if (closer) {
      const dlg = closer.closest('dialog');
      if (dlg) {
        e.preventDefault();
        dlg.close();
      }
      return;
    }
    // A click on the backdrop (outside the dialog box) closes it.
    if (t instanceof HTMLDialogElement && t.open && t.classList.contains('dialog')) {
      const r = t.getBoundingClientRect();
      const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (!inside) t.close();
    }
  });
}
