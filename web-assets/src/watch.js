// Watch units (templates/_watch.html): the learner's player and the
// editor's video upload. Both are Alpine components for the CSP build that
// work on their own elements (data-ref) rather than through expressions.

const BEAT_MS = 5000;

function ref(el, name) {
  return el.querySelector('[data-ref="' + name + '"]');
}

function clock(s) {
  const t = Math.floor(s);
  return Math.floor(t / 60) + ':' + String(t % 60).padStart(2, '0');
}

// measure reads a video file's length in the browser, before it is
// uploaded: the server keeps this figure, not what a learner's page claims.
function measure(file) {
  return new Promise((resolve, reject) => {
    const v = document.createElement('video');
    const src = URL.createObjectURL(file);
    const finish = (fn) => {
      URL.revokeObjectURL(src);
      v.removeAttribute('src');
      fn();
    };
    v.preload = 'metadata';
    v.muted = true;
    v.addEventListener('loadedmetadata', () => {
      if (Number.isFinite(v.duration) && v.duration > 0) return finish(() => resolve(v.duration));
      // A WebM without a duration in its header: seeking far makes the
      // browser find the end.
      v.addEventListener('durationchange', () => {
        if (Number.isFinite(v.duration)) finish(() => resolve(v.duration));
      });
      v.currentTime = 1e7;
    });
    v.addEventListener('error', () => finish(() => reject(new Error('media'))));
    v.src = src;
  });
}

export function registerWatch(Alpine) {
  // The player of a watch unit. It resumes where the server says the
  // person left off, reports its position every 5 s while playing and on
  // pause, end and leaving the page, and shows the progress the server
  // credits. Under no-skip it puts a seek beyond what was watched back:
  // for show only, since the server credits by its own clock.
  //   <section x-data="watchPlayer" data-beat="/learn/units/{id}/watch" data-position data-watched data-no-skip data-done data-label>
  Alpine.data('watchPlayer', () => ({
    init() {
      const el = this.$el;
      const d = el.dataset;
      this.video = ref(el, 'video');
      this.bar = ref(el, 'bar');
      this.label = ref(el, 'label');
      this.doneBadge = ref(el, 'done');
      this.url = d.beat;
      this.noSkip = d.noSkip === '1';
      this.done = d.done === '1';
      this.watched = Number(d.watched) || 0;
      this.resume = Number(d.position) || 0;
      this.reached = this.watched; // the furthest point played without a jump
      this.last = 0;
      const v = this.video;
      this._on = {
        loadedmetadata: () => this._resume(),
        play: () => {
          this.beat();
          clearInterval(this._timer);
          this._timer = setInterval(() => this.beat(), BEAT_MS);
        },
        pause: () => {
          clearInterval(this._timer);
          this.beat();
        },
        ended: () => {
          clearInterval(this._timer);
          this.beat();
        },
        timeupdate: () => this._track(),
        seeking: () => this._guard(),
      };
      for (const [name, fn] of Object.entries(this._on)) v.addEventListener(name, fn);
      this._onHide = () => {
        if (document.visibilityState === 'hidden') this.beat(true);
      };
      this._onLeave = () => this.beat(true);
      document.addEventListener('visibilitychange', this._onHide);
      window.addEventListener('pagehide', this._onLeave);
      if (v.readyState >= 1) this._resume();
    },
    destroy() {
      clearInterval(this._timer);
      for (const [name, fn] of Object.entries(this._on || {})) this.video.removeEventListener(name, fn);
      document.removeEventListener('visibilitychange', this._onHide);
      window.removeEventListener('pagehide', this._onLeave);
    },
    _resume() {
      const v = this.video;
      if (this.resume > 0 && (!Number.isFinite(v.duration) || this.resume < v.duration - 1)) v.currentTime = this.resume;
      this.resume = 0;
      this.last = v.currentTime;
    },
    _track() {
      const v = this.video;
      const step = v.currentTime - this.last;
      if (!v.seeking && step >= 0 && step < 1.5) this.reached = Math.max(this.reached, v.currentTime);
      this.last = v.currentTime;
    },
    _guard() {
      const v = this.video;
      const limit = Math.max(this.watched, this.reached);
      if (this.noSkip && v.currentTime > limit + 1) v.currentTime = limit;
    },
    beat(leaving) {
      const v = this.video;
      if (!v || v.readyState < 1) return;
      const body = JSON.stringify({
        position: v.currentTime || 0,
        duration: Number.isFinite(v.duration) ? v.duration : 0,
      });
      const req = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        credentials: 'same-origin',
        keepalive: !!leaving,
      };
      if (leaving) {
        fetch(this.url, req).catch(() => {});
        return;
      }
      if (this.sending) return;
      this.sending = true;
      fetch(this.url, req)
        .then((res) => (res.ok ? res.json() : null))
        .then((st) => st && this.show(st))
        .catch(() => {})
        .finally(() => {
          this.sending = false;
        });
    },
    show(st) {
      this.watched = Math.max(this.watched, st.watched);
      this.bar.value = st.percent;
      this.label.textContent = this.$el.dataset.label.replace('__N__', st.percent);
      if (st.done && !this.done) {
        this.done = true;
        this.doneBadge.hidden = false;
        this.bar.classList.add('progress-success');
        this.$el.classList.add('is-done');
      }
    },
  }));

  // The editor's video field: pick a file, its length is measured here,
  // it uploads with a progress bar, and the field then names the stored
  // file (/files/{id}) with the length in a hidden field.
  //   <div x-data="videoUpload" data-upload="/curriculum/videos" data-uploading data-uploaded data-failed data-measure-failed>
  Alpine.data('videoUpload', () => ({
    init() {
      const el = this.$el;
      this.file = ref(el, 'file');
      this.url = ref(el, 'url');
      this.seconds = ref(el, 'seconds');
      this.bar = ref(el, 'bar');
      this.statusEl = ref(el, 'status');
      this._onPick = () => this.pick();
      this._onEdit = () => {
        this.seconds.value = '';
      };
      this.file.addEventListener('change', this._onPick);
      this.url.addEventListener('input', this._onEdit);
    },
    destroy() {
      this.file.removeEventListener('change', this._onPick);
      this.url.removeEventListener('input', this._onEdit);
    },
    say(text, bad) {
      this.statusEl.textContent = text;
      this.$el.classList.toggle('has-error', !!bad);
    },
    async pick() {
      const d = this.$el.dataset;
      const f = this.file.files[0];
      if (!f) return;
      let secs = 0;
      try {
        secs = await measure(f);
      } catch {
        return this.say(d.measureFailed, true);
      }
      const xhr = new XMLHttpRequest();
      xhr.open('POST', d.upload);
      xhr.setRequestHeader('Accept', 'application/json');
      this.bar.hidden = false;
      this.bar.value = 0;
      xhr.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.floor((100 * e.loaded) / e.total);
        this.bar.value = pct;
        this.say(d.uploading.replace('__N__', pct));
      });
      xhr.addEventListener('load', () => {
        let res = {};
        try {
          res = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: reported as a failure below
        }
        this.bar.hidden = true;
        if (xhr.status !== 200 || !res.url) return this.say(res.message || d.failed, true);
        this.url.value = res.url;
        this.seconds.value = secs.toFixed(1);
        this.say(d.uploaded.replace('__T__', clock(secs)));
      });
      xhr.addEventListener('error', () => {
        this.bar.hidden = true;
        this.say(d.failed, true);
      });
      const form = new FormData();
      form.append('video', f);
      xhr.send(form);
    },
  }));
}
