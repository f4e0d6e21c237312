// Images and attachments in the curriculum editors (templates/_attach.html):
// pick files with the button, drop them on a text area or paste an image;
// each is uploaded by fetch to data-url and its Markdown (returned by the
// server) is inserted at the cursor of the text area last used.
//   <div x-data="lessonAssets" data-url="/curriculum/files" data-max-mb="20" data-msg-…>
//   … <textarea data-assets> in the same form

function hasFiles(e) {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

export function registerLessonAssets(Alpine) {
  Alpine.data('lessonAssets', () => ({
    init() {
      const form = this.$el.closest('form') || document;
      this.areas = [...form.querySelectorAll('textarea[data-assets]')];
      this.target = this.areas[0];
      this.touched = new WeakSet();
      this.status = this.$el.querySelector('.asset-status');
      this.list = this.$el.querySelector('.asset-uploads');
      const input = this.$el.querySelector('input[type=file]');
      input.addEventListener('change', () => {
        const files = [...input.files];
        input.value = '';
        this.uploadAll(files);
      });
      for (const ta of this.areas) this._watch(ta);
    },
    _watch(ta) {
      ta.addEventListener('focus', () => {
        this.target = ta;
        this.touched.add(ta);
      });
      ta.addEventListener('dragover', (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        ta.classList.add('is-drop');
      });
      ta.addEventListener('dragleave', () => ta.classList.remove('is-drop'));
      ta.addEventListener('drop', (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        ta.classList.remove('is-drop');
        this.target = ta;
        this.uploadAll([...e.dataTransfer.files]);
      });
      ta.addEventListener('paste', (e) => {
        const files = e.clipboardData ? [...e.clipboardData.files] : [];
        if (!files.length) return;
        e.preventDefault();
        this.target = ta;
        this.uploadAll(files);
      });
    },
    async uploadAll(files) {
      for (const f of files) await this.upload(f);
    },
    async upload(file) {
      const d = this.$el.dataset;
      if (file.size > Number(d.maxMb) * 1048576) {
        this.say(d.msgTooLarge, 'error');
        return;
      }
      this.say(d.msgUploading + ' ' + file.name, 'busy');
      const body = new FormData();
      body.append('file', file, file.name || 'image.png');
      try {
        const res = await fetch(d.url, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
        const out = await res.json().catch(() => ({}));
        if (!res.ok) {
          this.say(out.message || (res.status === 413 ? d.msgTooLarge : d.msgFailed), 'error');
          return;
        }
        this.insert(out.markdown);
        this.show(out);
        this.say(d.msgInserted, 'ok');
      } catch (_) {
        this.say(d.msgFailed, 'error');
      }
    },
    // insert puts text on lines of its own at the cursor (at the end of a
    // text area never used, whose cursor would be at the start).
    insert(md) {
      const ta = this.target;
      if (!ta) return;
      const used = this.touched.has(ta);
      const start = used ? ta.selectionStart : ta.value.length;
      const end = used ? ta.selectionEnd : start;
      const before = ta.value.slice(0, start);
      const pad = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      ta.setRangeText(pad + md + '\n', start, end, 'end');
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      ta.focus();
    },
    show(f) {
      const li = document.createElement('li');
      li.className = 'asset-upload';
      if (f.image) {
        const img = document.createElement('img');
        img.src = f.url;
        img.alt = f.name;
        img.loading = 'lazy';
        li.appendChild(img);
      } else {
        const type = document.createElement('span');
        type.className = 'attachment-type';
        type.textContent = (f.name.split('.').pop() || '').toUpperCase();
        li.appendChild(type);
      }
      const name = document.createElement('span');
      name.className = 'asset-upload-name';
      name.textContent = f.name;
      li.appendChild(name);
      this.list.appendChild(li);
    },
    say(msg, state) {
      this.status.textContent = msg;
      this.status.dataset.state = state;
      this.$el.classList.toggle('is-busy', state === 'busy');
    },
  }));
}
