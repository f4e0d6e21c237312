// The exam page. Answers are kept in the browser (localStorage) until the
// server acknowledges them; acknowledgements come only after the server has
// committed. The server's clock decides the deadline: the timer counts down
// from the remaining time the server sent, re-synced every 30 s, and never
// reads the device's wall clock for anything but elapsed time.
//
//   <div data-exam data-attempt="ID" data-remaining-ms="…" data-timed data-msg-…="…">
//     <section data-q data-pos="0" data-seq="3" data-type="single">…inputs…</section>
//   </div>

const RETRY_MAX_MS = 15000;

export function initExam() {
  const root = document.querySelector('[data-exam]');
  if (root) new ExamPage(root).start();
}

class ExamPage {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.attempt;
    this.key = 'sd-exam-' + this.id;
    this.timed = root.hasAttribute('data-timed');
    this.practice = root.hasAttribute('data-practice');
    this.msg = (name) => root.dataset['msg' + name[0].toUpperCase() + name.slice(1)] || '';
    this.queue = this.load(); // pos → {pos, seq, response}
    this.seq = {};
    this.inflight = false;
    this.lost = false; // another device took over
    this.closed = false; // past the deadline or finished
    this.retry = 1000;
    this.timer = null;
    this.warned = {};
    this.cards = [...root.querySelectorAll('[data-q]')];
    for (const c of this.cards) this.seq[c.dataset.pos] = Number(c.dataset.seq || 0);
  }

  start() {
    // Answers queued before a reload (or while offline) are shown again
    // and sent; a queued seq continues the card's numbering.
    for (const [pos, q] of Object.entries(this.queue)) {
      this.seq[pos] = Math.max(this.seq[pos] || 0, q.seq);
      const card = this.card(pos);
      if (card) applyResponse(card, q.response);
    }
    this.root.addEventListener('input', (e) => this.changed(e, 900));
    this.root.addEventListener('change', (e) => this.changed(e, 0));
    window.addEventListener('online', () => {
      this.signal('online');
      this.flush();
    });
    window.addEventListener('offline', () => {
      this.signal('offline');
      this.status();
    });
    document.addEventListener('visibilitychange', () => this.signal(document.hidden ? 'hidden' : 'visible'));
    const form = this.root.querySelector('[data-finish]');
    if (form) form.addEventListener('submit', (e) => this.finish(e, form));
    this.startClock(Number(this.root.dataset.remainingMs || 0));
    this.status();
    this.flush();
  }

  card(pos) {
    return this.cards.find((c) => c.dataset.pos === String(pos));
  }

  load() {
    try {
      return JSON.parse(localStorage.getItem(this.key) || '{}') || {};
    } catch {
      return {};
    }
  }

  persist() {
    try {
      if (Object.keys(this.queue).length) localStorage.setItem(this.key, JSON.stringify(this.queue));
      else localStorage.removeItem(this.key);
    } catch {
      // Private mode or a full store: the in-memory queue still works.
    }
  }

  changed(e, delay) {
    const card = e.target.closest('[data-q]');
    if (!card || this.closed || this.lost) return;
    if (e.type === 'input' && e.target.tagName !== 'TEXTAREA' && e.target.type !== 'text') return;
    const pos = card.dataset.pos;
    this.seq[pos] = (this.seq[pos] || 0) + 1;
    this.queue[pos] = { pos: Number(pos), seq: this.seq[pos], response: readResponse(card) };
    this.persist();
    this.status();
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.flush(), delay);
  }

  pending() {
    return Object.keys(this.queue).length;
  }

  async flush() {
    if (this.inflight || this.lost || !this.pending()) return this.pending() === 0;
    this.inflight = true;
    const batch = Object.values(this.queue);
    this.status(true);
    try {
      const res = await fetch('/attempts/' + this.id + '/answers', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ answers: batch }),
        credentials: 'same-origin',
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) this.acked(body.acks || []);
      else this.refused(res.status, body);
    } catch {
      this.inflight = false;
      this.status();
      this.scheduleRetry();
      return false;
    }
    this.inflight = false;
    this.status();
    if (this.pending() && !this.lost && !this.closed) setTimeout(() => this.flush(), 50);
    return this.pending() === 0;
  }

  acked(acks) {
    this.retry = 1000;
    for (const a of acks) {
      const q = this.queue[a.pos];
      if (q && q.seq <= a.seq) delete this.queue[a.pos];
      if (a.feedback) this.feedback(a.pos, a.feedback);
    }
    this.persist();
  }

  refused(status, body) {
    if (body.code === 'attempt.err_taken_over') {
      this.lost = true;
      this.banner(body.message + ' (' + this.msg('unsaved').replace('{n}', this.pending()) + ')', 'error');
      this.lock();
    } else if (body.code === 'attempt.err_past_due' || body.code === 'attempt.err_finished') {
      this.close(body.message);
    } else if (status >= 500 || status === 429) {
      this.scheduleRetry();
    } else {
      // A malformed answer the server will never take: drop it, say so.
      this.queue = {};
      this.persist();
      this.banner(body.message || String(status), 'error');
    }
  }

  scheduleRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.flush(), this.retry);
    this.retry = Math.min(this.retry * 2, RETRY_MAX_MS);
  }

  status(saving) {
    const el = this.root.querySelector('[data-save-status]');
    const n = this.pending();
    if (el) {
      let text = this.msg('saved');
      let cls = 'is-saved';
      if (n && !navigator.onLine) {
        text = this.msg('offline').replace('{n}', n);
        cls = 'is-offline';
      } else if (n) {
        text = saving ? this.msg('saving') : this.msg('unsaved').replace('{n}', n);
        cls = 'is-pending';
      }
      el.textContent = text;
      el.className = 'take-save ' + cls;
      el.dataset.pending = String(n);
    }
    const prog = this.root.querySelector('[data-progress]');
    if (prog) {
      const done = this.cards.filter((c) => !isEmpty(readResponse(c))).length;
      prog.textContent = done + ' / ' + this.cards.length;
    }
  }

  banner(text, kind) {
    const el = this.root.querySelector('[data-banner]');
    if (!el) return;
    el.textContent = text;
    el.className = 'alert ' + (kind === 'error' ? 'alert-error' : 'alert-warning');
    el.hidden = false;
  }

  lock() {
    for (const el of this.root.querySelectorAll('input, select, textarea, button')) el.disabled = true;
  }

  close(message) {
    if (this.closed) return;
    this.closed = true;
    this.lock();
    this.banner(message || this.msg('timeup'), 'error');
    setTimeout(() => window.location.assign('/attempts/' + this.id + '/result'), 2500);
  }

  // The clock: remaining time from the server, counted down with the
  // monotonic clock, corrected from /clock every 30 s.
  startClock(remaining) {
    if (!this.timed) return;
    this.base = performance.now();
    this.remaining = remaining;
    const tick = () => this.tick();
    tick();
    this.timer = setInterval(tick, 1000);
    setInterval(() => this.sync(), 30000);
  }

  left() {
    return Math.max(0, this.remaining - (performance.now() - this.base));
  }

  tick() {
    const ms = this.left();
    const el = this.root.querySelector('[data-timer]');
    if (el) {
      const s = Math.ceil(ms / 1000);
      const h = Math.floor(s / 3600);
      const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
      const ss = String(s % 60).padStart(2, '0');
      el.textContent = (h ? h + ':' : '') + mm + ':' + ss;
      el.classList.toggle('is-urgent', ms <= 60000);
      el.classList.toggle('is-warning', ms <= 300000 && ms > 60000);
    }
    if (ms <= 300000 && ms > 60000 && !this.warned[5]) {
      this.warned[5] = true;
      this.banner(this.msg('warn5'));
    }
    if (ms <= 60000 && ms > 0 && !this.warned[1]) {
      this.warned[1] = true;
      this.banner(this.msg('warn1'));
    }
    if (ms <= 0 && !this.closed) {
      clearInterval(this.timer);
      // Send what is queued: the server still takes it within its grace.
      this.flush().finally(() => this.sync());
    }
  }

  async sync() {
    try {
      const res = await fetch('/attempts/' + this.id + '/clock', { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const c = await res.json();
      if (!c.holder && !this.lost) {
        this.lost = true;
        this.banner(this.msg('taken') + ' (' + this.msg('unsaved').replace('{n}', this.pending()) + ')', 'error');
        this.lock();
        return;
      }
      if (c.state !== 'in_progress') {
        this.close(this.msg('timeup'));
        return;
      }
      if (c.timed) {
        this.base = performance.now();
        this.remaining = c.remaining_ms;
      }
    } catch {
      // Offline: keep counting down locally.
    }
  }

  signal(kind) {
    if (this.closed || this.lost || !navigator.onLine) return;
    fetch('/attempts/' + this.id + '/signal', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind }),
      keepalive: true,
    }).catch(() => {});
  }

  // settle sends everything queued, waiting for a batch already in flight
  // (a click on 交卷 while the last answer is being saved must not be
  // refused), and says whether nothing is left unsaved. It gives up after
  // about five seconds, e.g. when the network is down.
  async settle() {
    clearTimeout(this.debounce);
    for (let i = 0; i < 50 && this.pending() && !this.lost && !this.closed; i++) {
      if (!this.inflight) await this.flush();
      if (this.pending()) await new Promise((r) => setTimeout(r, 100));
    }
    return this.pending() === 0;
  }

  async finish(e, form) {
    e.preventDefault();
    if (this.lost) return;
    if (!window.confirm(this.msg('confirm'))) return;
    const ok = await this.settle();
    if (!ok && this.pending()) {
      this.banner(this.msg('blocked').replace('{n}', this.pending()), 'error');
      return;
    }
    this.persist();
    form.submit();
  }

  feedback(pos, fb) {
    const card = this.card(pos);
    const el = card && card.querySelector('[data-feedback]');
    if (!el) return;
    const state = { correct: 'correct', partial: 'partial', wrong: 'wrong', needs_grading: 'needs', unanswered: 'unanswered' }[fb.state];
    el.replaceChildren();
    const head = document.createElement('div');
    head.className = 'badge ' + (fb.state === 'correct' ? 'badge-success' : fb.state === 'partial' ? 'badge-warning' : fb.state === 'needs_grading' ? 'badge-info' : 'badge-danger');
    head.textContent = this.msg(state || 'wrong') + ' · ' + fb.points + ' / ' + fb.max;
    el.append(head);
    const key = keyText(card, fb.answer || {});
    if (key) {
      const k = document.createElement('div');
      k.className = 'small';
      k.textContent = this.msg('key') + ': ' + key;
      el.append(k);
    }
    if (fb.explanation) {
      // Rendered and sanitized on the server (bluemonday), never built here.
      const ex = document.createElement('div');
      ex.className = 'prose explanation';
      ex.innerHTML = fb.explanation;
      el.append(ex);
    }
    el.hidden = false;
  }
}

// readResponse builds the JSON answer of a question card (or a case's
// sub-question) from its inputs.
export function readResponse(el) {
  const type = el.dataset.type;
  if (type === 'case') {
    const sub = {};
    for (const s of el.querySelectorAll('[data-sub]')) {
      const r = readResponse(s);
      if (!isEmpty(r)) sub[s.dataset.sub] = r;
    }
    return Object.keys(sub).length ? { sub } : {};
  }
  const own = (sel) => [...el.querySelectorAll(sel)].filter((x) => x.closest('[data-sub], [data-q]') === el);
  switch (type) {
    case 'single':
    case 'truefalse':
    case 'multiple': {
      const choices = own('input:checked').map((i) => i.value);
      return choices.length ? { choices } : {};
    }
    case 'fill': {
      const blanks = own('[data-blank]').map((i) => i.value);
      return blanks.some((b) => b.trim()) ? { blanks } : {};
    }
    case 'ordering': {
      const ranked = own('[data-order-key]').filter((s) => s.value).sort((a, b) => Number(a.value) - Number(b.value));
      const order = ranked.map((s) => s.dataset.orderKey);
      return order.length ? { order } : {};
    }
    case 'matching': {
      const pairs = {};
      for (const s of own('[data-pair-key]')) if (s.value) pairs[s.dataset.pairKey] = s.value;
      return Object.keys(pairs).length ? { pairs } : {};
    }
    case 'short': {
      const t = own('[data-text]')[0];
      return t && t.value.trim() ? { text: t.value } : {};
    }
  }
  return {};
}

function applyResponse(el, r) {
  if (!r) return;
  if (el.dataset.type === 'case') {
    for (const s of el.querySelectorAll('[data-sub]')) applyResponse(s, (r.sub || {})[s.dataset.sub] || {});
    return;
  }
  const own = (sel) => [...el.querySelectorAll(sel)].filter((x) => x.closest('[data-sub], [data-q]') === el);
  for (const i of own('input[type=radio], input[type=checkbox]')) i.checked = (r.choices || []).includes(i.value);
  own('[data-blank]').forEach((i, n) => (i.value = (r.blanks || [])[n] || ''));
  for (const s of own('[data-order-key]')) {
    const n = (r.order || []).indexOf(s.dataset.orderKey);
    s.value = n >= 0 ? String(n + 1) : '';
  }
  for (const s of own('[data-pair-key]')) s.value = (r.pairs || {})[s.dataset.pairKey] || '';
  for (const t of own('[data-text]')) t.value = r.text || '';
}

function isEmpty(r) {
  return !r || Object.keys(r).length === 0;
}

// keyText shows a practice answer's key with the option letters the page
// displays (options are shuffled, keys are not).
function keyText(card, a) {
  const label = (key) => {
    const input = card.querySelector('input[value="' + CSS.escape(key) + '"]');
    const opt = input && input.closest('label');
    const letter = opt && opt.querySelector('.option-key');
    return letter ? letter.textContent : opt ? opt.textContent.trim() : key;
  };
  if (a.choices) return a.choices.map(label).join(' ');
  if (a.blanks) return a.blanks.map((b) => b.join(' / ')).join('；');
  if (a.order) {
    return a.order
      .map((k) => {
        const s = card.querySelector('[data-order-key="' + CSS.escape(k) + '"]');
        return s ? s.getAttribute('aria-label') : k;
      })
      .join(' → ');
  }
  if (a.pairs) {
    return Object.entries(a.pairs)
      .map(([k, t]) => {
        const s = card.querySelector('[data-pair-key="' + CSS.escape(k) + '"]');
        const o = s && [...s.options].find((x) => x.value === t);
        return (s ? s.getAttribute('aria-label') : k) + ' → ' + (o ? o.textContent : t);
      })
      .join('；');
  }
  return '';
}
