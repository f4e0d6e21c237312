// The path builder (templates/path_edit.html): the course map is held as
// JSON in the shape of curriculum.Path and posted whole to check or save;
// the server reads it with the whole pack and answers with problems tied
// to a stage and item, shown beside them. A check runs shortly after each
// change, so a cycle shows up while it is being drawn.
//   <div x-data="pathBuilder" data-src="path-builder-data" data-check="/curriculum/paths/check" data-save="…">

const CHECK_DELAY_MS = 700;
const MAX_RESULTS = 12;

let seq = 0;
const key = () => 'k' + ++seq;

function blankExam() {
  return { Title: '', TitleEN: '', Questions: [], PassPercent: 80, Minutes: 30 };
}

function prepare(path) {
  path.Stages = path.Stages || [];
  for (const st of path.Stages) {
    st._k = key();
    st.Items = st.Items || [];
    st.Exam = st.Exam || blankExam();
    st.Exam.Questions = st.Exam.Questions || [];
    for (const it of st.Items) {
      it._k = key();
      it.After = it.After || [];
    }
  }
  return path;
}

// The path as the server reads it: no view keys.
function plain(path) {
  return JSON.parse(JSON.stringify(path, (k, v) => (k === '_k' ? undefined : v)));
}

export function pathBuilder() {
  return {
    path: { Stages: [] },
    isNew: false,
    base: 0,
    note: '',
    major: false,
    newID: '',
    queries: {},
    opened: {},
    problems: [],
    message: '',
    fields: {},
    status: '',
    busy: false,
    checked: false,
    _n: 0,
    tried: false,
    init() {
      // Methods run with $el set to the element whose directive calls
      // them, so the root's settings are read once here.
      this.root = this.$el;
      this.urls = { check: this.$el.dataset.check, save: this.$el.dataset.save };
      const data = JSON.parse(document.getElementById(this.$el.dataset.src).textContent);
      this.en = data.locale === 'en';
      this.labels = data.labels || {};
      this.picker = data.picker || {};
      this.byRef = {};
      for (const it of this.picker.Items || []) this.byRef[it.Ref] = it;
      this.questionByID = {};
      for (const q of this.picker.Questions || []) this.questionByID[q.ID] = q;
      this.testByID = {};
      for (const t of this.picker.Tests || []) this.testByID[t.ID] = t;
      this.isNew = !!data.edit.New;
      this.base = data.edit.BaseNo || 0;
      this.path = prepare(data.edit.Path);
      if (this.isNew) for (const st of this.path.Stages) this.opened[st._k] = true;
      this.$watch('path', () => this.schedule());
    },
    l(zh, en) {
      return this.en && en ? en : zh;
    },

    // Items and their titles.
    info(ref) {
      return this.byRef[ref] || { Ref: ref, Kind: '', Title: ref, TitleEN: ref, Module: '', ModuleEN: '', Minutes: 0 };
    },
    title(ref) {
      const i = this.info(ref);
      return this.l(i.Title, i.TitleEN);
    },
    where(ref) {
      const i = this.info(ref);
      const parts = [this.labels[i.Kind] || '', this.l(i.Module, i.ModuleEN)];
      if (i.Course) parts.push(this.l(i.Course, i.CourseEN));
      return parts.filter(Boolean).join(' · ');
    },
    kindLabel(ref) {
      return this.labels[this.info(ref).Kind] || '';
    },
    minutesText(ref) {
      return (this.labels.minutes || '{n}').replace('{n}', this.info(ref).Minutes || 0);
    },
    inPath(ref) {
      return this.path.Stages.some((st) => st.Items.some((it) => it.Ref === ref));
    },

    // The picker: filters the pack index as one types, in the page language.
    query(st) {
      return this.queries[st._k] || '';
    },
    setQuery(st, e) {
      this.queries = { ...this.queries, [st._k]: e.target.value };
    },
    results(st) {
      const q = this.query(st).trim().toLowerCase();
      if (!q) return [];
      const out = [];
      for (const it of this.picker.Items || []) {
        const hay = [it.Ref, it.Title, it.TitleEN, it.Module, it.ModuleEN, it.Course || '', it.CourseEN || ''].join(' ').toLowerCase();
        if (hay.includes(q)) out.push(it);
        if (out.length >= MAX_RESULTS) break;
      }
      return out;
    },
    addItem(st, ref) {
      if (this.inPath(ref)) return;
      st.Items.push({ _k: key(), Ref: ref, Required: true, After: [] });
      this.queries = { ...this.queries, [st._k]: '' };
    },
    removeItem(st, ii) {
      const [gone] = st.Items.splice(ii, 1);
      for (const s of this.path.Stages) for (const it of s.Items) it.After = it.After.filter((a) => a !== gone.Ref);
    },
    // Up from a stage's first item moves it to the end of the stage
    // before; down from the last, to the start of the stage after.
    moveItem(si, ii, d) {
      const stages = this.path.Stages;
      const st = stages[si];
      const j = ii + d;
      const [it] = st.Items.splice(ii, 1);
      if (j < 0 && si > 0) stages[si - 1].Items.push(it);
      else if (j >= st.Items.length + 1 && si < stages.length - 1) stages[si + 1].Items.unshift(it);
      else st.Items.splice(Math.max(0, Math.min(j, st.Items.length)), 0, it);
    },
    canUp(si, ii) {
      return si > 0 || ii > 0;
    },
    canDown(si, ii) {
      return si < this.path.Stages.length - 1 || ii < this.path.Stages[si].Items.length - 1;
    },
    // Enter takes the first result; Escape closes the list.
    searchKey(st, e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        const first = this.results(st).find((r) => !this.inPath(r.Ref));
        if (first) this.addItem(st, first.Ref);
      } else if (e.key === 'Escape') {
        this.queries = { ...this.queries, [st._k]: '' };
      }
    },
    toggleRequired(it) {
      it.Required = !it.Required;
    },

    // Prerequisites: any other item of the same stage or of an earlier one.
    afterChoices(si, it) {
      const out = [];
      this.path.Stages.forEach((st, i) => {
        if (i > si) return;
        for (const c of st.Items) if (c.Ref !== it.Ref) out.push(c.Ref);
      });
      return out;
    },
    hasAfter(it, ref) {
      return it.After.includes(ref);
    },
    toggleAfter(it, ref) {
      it.After = it.After.includes(ref) ? it.After.filter((a) => a !== ref) : [...it.After, ref];
    },
    afterTitles(it) {
      return it.After.map((a) => this.title(a)).join('、');
    },

    // Stages.
    addStage() {
      const level = ['L1', 'L2', 'L3', 'L4'][Math.min(this.path.Stages.length, 3)];
      const st = { _k: key(), ID: '', Title: '', TitleEN: '', Level: level, Items: [], Exam: blankExam() };
      this.path.Stages.push(st);
      this.opened = { ...this.opened, [st._k]: true };
    },
    removeStage(si) {
      const [gone] = this.path.Stages.splice(si, 1);
      const refs = gone.Items.map((it) => it.Ref);
      for (const s of this.path.Stages) for (const it of s.Items) it.After = it.After.filter((a) => !refs.includes(a));
    },
    moveStage(si, d) {
      const j = si + d;
      if (j < 0 || j >= this.path.Stages.length) return;
      const [st] = this.path.Stages.splice(si, 1);
      this.path.Stages.splice(j, 0, st);
    },
    // A stage's editor is folded to one line until opened; a new stage, a
    // new path's stages and a stage with a problem are open.
    isOpen(st, si) {
      return !!this.opened[st._k] || this.stageHasAny(si);
    },
    toggleStage(st) {
      this.opened = { ...this.opened, [st._k]: !this.opened[st._k] };
    },
    stageHasAny(si) {
      return this.problems.some((p) => p.Stage === si);
    },
    stageNo(si) {
      return si + 1;
    },
    isFirst(i) {
      return i === 0;
    },
    isLast(i, list) {
      return i === list.length - 1;
    },

    // Stage exams: questions come from test units, or are dropped one by one.
    addTest(st, e) {
      const t = this.testByID[e.target.value];
      e.target.value = '';
      if (!t) return;
      const qs = st.Exam.Questions.slice();
      for (const q of t.Questions) if (!qs.includes(q)) qs.push(q);
      st.Exam.Questions = qs;
      if (!st.Exam.Title) {
        st.Exam.Title = t.Title.split(' · ')[0] + '阶段考试';
        st.Exam.TitleEN = t.TitleEN.split(' · ')[0] + ' stage exam';
      }
    },
    removeQuestion(st, id) {
      st.Exam.Questions = st.Exam.Questions.filter((q) => q !== id);
    },
    stem(id) {
      const q = this.questionByID[id];
      return q ? this.l(q.Stem, q.StemEN) : id;
    },

    // Positions: picking a known one fills its English name.
    positionPicked() {
      const p = (this.picker.Positions || []).find((x) => x.Name === this.path.Position);
      if (p && p.NameEN && !this.path.PositionEN) this.path.PositionEN = p.NameEN;
    },

    // Problems beside what they are about.
    pathProblems() {
      return this.problems.filter((p) => p.Stage < 0);
    },
    stageProblems(si) {
      return this.problems.filter((p) => p.Stage === si && p.Item < 0);
    },
    itemProblems(si, ii, it) {
      return this.problems.filter((p) => (p.Stage === si && p.Item === ii) || (p.Item >= 0 && (p.Refs || []).includes(it.Ref) && !(p.Stage === si && p.Item === ii)));
    },
    itemBad(si, ii, it) {
      return this.itemProblems(si, ii, it).length > 0;
    },
    stageBad(si) {
      return this.stageProblems(si).length > 0;
    },
    fieldError(name) {
      return this.fields[name] || '';
    },
    get problemCount() {
      return this.problems.length;
    },
    get clean() {
      return this.checked && !this.busy && this.problems.length === 0 && !this.message;
    },

    // Talking to the server.
    body(extra) {
      const p = plain(this.path);
      if (this.isNew && this.newID.trim()) p.ID = this.newID.trim();
      return JSON.stringify({ Path: p, New: this.isNew, BaseNo: this.base, Note: this.note, Major: this.major, ...extra });
    },
    // A new path is checked as one edits only after the first check or
    // save, so an empty form does not open with a list of what is missing.
    schedule() {
      this.checked = false;
      clearTimeout(this._timer);
      if (this.isNew && !this.tried) return;
      this._timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
    },
    async post(url, body) {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body, credentials: 'same-origin' });
      let data = {};
      try {
        data = await res.json();
      } catch {
        data = { message: this.labels.failed };
      }
      return { ok: res.ok, data };
    },
    async check() {
      this.tried = true;
      clearTimeout(this._timer);
      const n = ++this._n;
      this.busy = true;
      try {
        const { data } = await this.post(this.urls.check, this.body({}));
        if (n !== this._n) return;
        this.problems = data.problems || [];
        this.message = data.problems ? '' : data.message || '';
        this.status = this.problems.length ? '' : this.labels.checked;
        this.checked = true;
      } catch {
        this.message = this.labels.failed;
      } finally {
        if (n === this._n) this.busy = false;
      }
    },
    save(e) {
      this.send(false, e);
    },
    submit(e) {
      this.send(true, e);
    },
    async send(submit, e) {
      if (e) e.preventDefault();
      this.tried = true;
      clearTimeout(this._timer);
      this._n++;
      this.busy = true;
      this.fields = {};
      try {
        const { ok, data } = await this.post(this.urls.save, this.body({ Submit: submit }));
        if (ok && data.redirect) {
          window.location.assign(data.redirect);
          return;
        }
        this.problems = data.problems || [];
        this.fields = data.fields || {};
        this.message = data.message || this.labels.failed;
        this.status = '';
      } catch {
        this.message = this.labels.failed;
      } finally {
        this.busy = false;
      }
      const first = this.root.querySelector('.is-invalid, .field.has-error');
      if (first) first.scrollIntoView({ block: 'center' });
    },
  };
}
