// Alpine components for the CSP build: no expressions are evaluated, so each
// component exposes plain properties, getters and methods that directives name,
// e.g. <div x-data="dropdown"><button @click="toggle" :aria-expanded="expanded">.

import { pathBuilder } from './path_builder.js';
import { registerLessonAssets } from './lesson_assets.js';
import { registerWatch } from './watch.js';

export function registerComponents(Alpine) {
  registerLessonAssets(Alpine);
  registerWatch(Alpine);

  Alpine.data('pathBuilder', pathBuilder);
  // A popup menu. Closes on outside click and on Escape.
  //   <div class="dropdown" x-data="dropdown">
  //     <button @click="toggle" :aria-expanded="expanded" aria-haspopup="menu">…</button>
  //     <div class="menu" x-show="open" x-cloak>…</div>
  //   </div>
  Alpine.data('dropdown', () => ({
    open: false,
    get expanded() {
      return this.open ? 'true' : 'false';
    },
    toggle() {
      this.open = !this.open;
    },
    show() {
      this.open = true;
    },
    close() {
      this.open = false;
    },
    init() {
      this._onDoc = (e) => {
        if (this.open && !this.$el.contains(e.target)) this.open = false;
      };
      this._onKey = (e) => {
        if (e.key === 'Escape' && this.open) {
          this.open = false;
          const btn = this.$el.querySelector('button, [tabindex]');
          if (btn) btn.focus();
        }
      };
      document.addEventListener('click', this._onDoc, true);
      document.addEventListener('keydown', this._onKey);
    },
    destroy() {
      document.removeEventListener('click', this._onDoc, true);
      document.removeEventListener('keydown', this._onKey);
    },
  }));

  // The mobile sidebar. Put it on <body>; it toggles `.open` on #sidebar and
  // `.nav-open` on <body> (which shows `.backdrop`).
  //   <body class="app" x-data="navToggle">
  //   <button class="nav-toggle" @click="toggle" :aria-expanded="expanded" aria-controls="sidebar">
  //   <div class="backdrop" @click="close"></div>
  Alpine.data('navToggle', () => ({
    open: false,
    get expanded() {
      return this.open ? 'true' : 'false';
    },
    toggle() {
      this.open = !this.open;
    },
    show() {
      this.open = true;
    },
    close() {
      this.open = false;
    },
    init() {
      this.$watch('open', (v) => this._sync(v));
      this._onKey = (e) => {
        if (e.key === 'Escape' && this.open) this.open = false;
      };
      this._onWide = () => {
        if (this.open && window.innerWidth >= 768) this.open = false;
      };
      this._onNav = () => {
        this.open = false;
      };
      document.addEventListener('keydown', this._onKey);
      window.addEventListener('resize', this._onWide);
      document.addEventListener('htmx:beforeHistorySave', this._onNav);
      document.addEventListener('htmx:afterSwap', this._onNav);
      this._sync(false);
    },
    destroy() {
      document.removeEventListener('keydown', this._onKey);
      window.removeEventListener('resize', this._onWide);
      document.removeEventListener('htmx:beforeHistorySave', this._onNav);
      document.removeEventListener('htmx:afterSwap', this._onNav);
    },
    _sync(open) {
      const sidebar = document.getElementById('sidebar');
      if (sidebar) sidebar.classList.toggle('open', open);
      document.body.classList.toggle('nav-open', open);
      document.querySelectorAll('.nav-toggle').forEach((b) => b.setAttribute('aria-expanded', String(open)));
      if (open && sidebar) {
        const first = sidebar.querySelector('a, button');
        if (first) first.focus({ preventScroll: true });
      }
    },
  }));

  // A toast that hides itself after 5 s (data-timeout="ms", 0 = stay) or when clicked.
  // Hovering pauses the timer so people can finish reading.
  //   <div class="toast toast-success" role="status" x-data="dismissible">…</div>
  Alpine.data('dismissible', () => ({
    visible: true,
    init() {
      const t = this.$el.dataset.timeout;
      this._ms = t === undefined || t === '' ? 5000 : Number(t);
      this._arm();
      this._onClick = () => this.dismiss();
      this._onEnter = () => clearTimeout(this._timer);
      this._onLeave = () => this._arm();
      this.$el.addEventListener('click', this._onClick);
      this.$el.addEventListener('mouseenter', this._onEnter);
      this.$el.addEventListener('mouseleave', this._onLeave);
    },
    destroy() {
      clearTimeout(this._timer);
    },
    _arm() {
      clearTimeout(this._timer);
      if (this._ms > 0) this._timer = setTimeout(() => this.dismiss(), this._ms);
    },
    dismiss() {
      if (!this.visible) return;
      this.visible = false;
      clearTimeout(this._timer);
      const el = this.$el;
      el.classList.add('is-leaving');
      setTimeout(() => el.remove(), 220);
    },
  }));

  // Ask before submitting: <form x-data="confirmForm" data-confirm="确定删除？">.
  // Listens in the capture phase on document so a cancelled submit never reaches
  // htmx's own listener on the form (hx-post / hx-boost forms are covered too).
  Alpine.data('confirmForm', () => ({
    init() {
      const form = this.$el;
      this._onSubmit = (e) => {
        if (e.target !== form) return;
        const msg = form.dataset.confirm;
        if (msg && !window.confirm(msg)) {
          e.preventDefault();
          e.stopImmediatePropagation();
        }
      };
      document.addEventListener('submit', this._onSubmit, true);
    },
    destroy() {
      document.removeEventListener('submit', this._onSubmit, true);
    },
  }));
  // The knowledge map (templates/knowledge_map.html): pointing at or
  // focusing a node lights it and everything joined to it; the path filter
  // dims what the chosen course map does not hold.
  //   <div x-data="knowledgeMap"> … <select data-path-filter> … [data-node] [data-edge]
  Alpine.data('knowledgeMap', () => ({
    init() {
      this.nodes = [...this.$el.querySelectorAll('[data-node]')];
      this.edges = [...this.$el.querySelectorAll('[data-edge]')];
      this._on = (e) => {
        const n = e.target.closest && e.target.closest('[data-node]');
        this.focus(n ? n.dataset.node : '');
      };
      this._off = () => this.focus('');
      const svg = this.$el.querySelector('svg');
      svg.addEventListener('mouseover', this._on);
      svg.addEventListener('focusin', this._on);
      svg.addEventListener('mouseleave', this._off);
      svg.addEventListener('focusout', this._off);
      const sel = this.$el.querySelector('[data-path-filter]');
      if (sel) {
        sel.addEventListener('change', () => this.filter(sel.value));
        this.filter(sel.value);
      }
    },
    focus(id) {
      const linked = new Set(id ? [id] : []);
      for (const e of this.edges) {
        const hit = !!id && (e.dataset.from === id || e.dataset.to === id);
        e.classList.toggle('is-linked', hit);
        if (hit) {
          linked.add(e.dataset.from);
          linked.add(e.dataset.to);
        }
      }
      for (const n of this.nodes) n.classList.toggle('is-linked', linked.has(n.dataset.node));
      this.$el.classList.toggle('has-focus', !!id);
    },
    filter(path) {
      const holds = (el) => !!path && (el.dataset.paths || '').split(' ').includes(path);
      this.$el.classList.toggle('has-path', !!path);
      for (const n of this.nodes) n.classList.toggle('in-path', holds(n));
      for (const e of this.edges) e.classList.toggle('in-path', holds(e));
      const u = new URL(window.location.href);
      if (path) u.searchParams.set('path', path);
      else u.searchParams.delete('path');
      window.history.replaceState(null, '', u);
    },
  }));

  // The question picker of a new test unit (templates/test_unit_new.html):
  // rows are filtered by text, type and difficulty, or to the picked ones,
  // in the page; the badge counts the picked questions.
  //   <section x-data="questionPicker"> [data-pick-search] [data-pick-type]
  //   [data-pick-difficulty] [data-pick-only] [data-pick-row] [data-pick-empty]
  Alpine.data('questionPicker', () => ({
    init() {
      const el = this.$el;
      this.rows = [...el.querySelectorAll('[data-pick-row]')];
      this.inputs = {
        text: el.querySelector('[data-pick-search]'),
        type: el.querySelector('[data-pick-type]'),
        difficulty: el.querySelector('[data-pick-difficulty]'),
        only: el.querySelector('[data-pick-only]'),
      };
      this.badge = el.querySelector('[data-testid=picked-count]');
      this.empty = el.querySelector('[data-pick-empty]');
      this._on = () => this.apply();
      for (const i of Object.values(this.inputs)) if (i) i.addEventListener('input', this._on);
      el.addEventListener('change', this._on);
      this.apply();
    },
    apply() {
      const q = ((this.inputs.text && this.inputs.text.value) || '').trim().toLowerCase();
      const type = this.inputs.type ? this.inputs.type.value : '';
      const diff = this.inputs.difficulty ? this.inputs.difficulty.value : '';
      const only = !!(this.inputs.only && this.inputs.only.checked);
      let shown = 0;
      let picked = 0;
      for (const r of this.rows) {
        const box = r.querySelector('input[type=checkbox]');
        const on = !!(box && box.checked);
        if (on) picked++;
        const hit =
          (!q || (r.dataset.text || '').toLowerCase().includes(q)) &&
          (!type || r.dataset.type === type) &&
          (!diff || r.dataset.difficulty === diff) &&
          (!only || on);
        r.hidden = !hit;
        r.classList.toggle('is-picked', on);
        if (hit) shown++;
      }
      if (this.empty) this.empty.hidden = shown > 0 || this.rows.length === 0;
      if (this.badge && this.badge.dataset.label) this.badge.textContent = this.badge.dataset.label.replace('{n}', String(picked));
    },
  }));
}
