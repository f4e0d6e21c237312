package curriculum

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/qbank"
)

// Files writes p as a content pack: slash path → contents, in the layout
// Read reads, so Read(Files(p)) is p and a second Files is byte for byte
// the first (the canonical form: front matter in field order, questions as
// qbank exports them).
func Files(p Pack) (map[string][]byte, error) {
	out := map[string][]byte{}
	w := &writer{out: out}
	w.yaml("pack.yaml", p)
	if len(p.Competencies) > 0 {
		w.yaml("competencies.yaml", p.Competencies)
	}
	for _, m := range p.Modules {
		w.module(m)
	}
	for _, pa := range p.Paths {
		w.yaml(path.Join("paths", pa.File), pa)
	}
	for name, data := range p.Assets {
		out[name] = data
	}
	return out, w.err
}

type writer struct {
	out map[string][]byte
	err error
}

func (w *writer) yaml(file string, v any) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = fmt.Errorf("write %s: %w", file, err)
	}
	w.out[file] = buf.Bytes()
}

// doc writes front matter v and body to file, and bodyEN beside it.
func (w *writer) doc(file string, v any, body, bodyEN string) {
	w.yaml(file, v)
	front := w.out[file]
	w.out[file] = append(append(append([]byte("---\n"), front...), "---\n"...), canonical(body)...)
	if strings.TrimSpace(bodyEN) != "" {
		w.out[strings.TrimSuffix(file, ".md")+".en.md"] = []byte(canonical(bodyEN))
	}
}

func canonical(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return s + "\n"
}

func (w *writer) module(m Module) {
	dir := path.Join("modules", m.Dir)
	w.doc(path.Join(dir, "module.md"), m, m.Body, m.BodyEN)
	for _, c := range m.Courses {
		cdir := path.Join(dir, "courses", c.Dir)
		w.doc(path.Join(cdir, "course.md"), c, c.Body, c.BodyEN)
		for _, u := range c.Units {
			w.doc(path.Join(cdir, u.File), u, u.Body, u.BodyEN)
		}
	}
	for _, s := range m.SOPs {
		w.doc(path.Join(dir, "sops", s.File), s, s.Body, s.BodyEN)
	}
	for _, c := range m.Cases {
		w.doc(path.Join(dir, "cases", c.File), c, c.Body, c.BodyEN)
	}
	if len(m.Questions) > 0 {
		var buf bytes.Buffer
		if err := qbank.ExportYAML(&buf, m.Questions); err != nil && w.err == nil {
			w.err = fmt.Errorf("write %s questions: %w", m.ID, err)
		}
		w.out[path.Join(dir, "questions.yaml")] = buf.Bytes()
	}
}
