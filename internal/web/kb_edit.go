package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// The knowledge editor: Markdown with a live preview rendered by the
// server's one Markdown renderer (an htmx post), images pasted or dropped
// into the text uploaded at once (the lessonAssets component), files
// attached with the form, a field per part for cases, the visibility
// picker, the review interval, platform-rule links and the change note.

// kbUploadLimit is the request limit of a save: its attachments.
var kbUploadLimit = app.MaxUpload(app.PurposeKB) + 1<<20

// kbUploadMB is the largest file, as the editor states it.
var kbUploadMB = app.MaxUpload(app.PurposeKB) >> 20

func (h *Handler) kbNew(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "kb.new")
	kind := r.URL.Query().Get("kind")
	if kind == "" {
		kind = app.KBArticle
	}
	p.Form.Set("kind", kind)
	p.Form.Set("visibility", app.KBEveryone)
	p.Form.Set("review_days", "180")
	p.Form.Set("category", r.URL.Query().Get("category"))
	return h.kbForm(w, r, p, app.KBView{}, nil)
}

func (h *Handler) kbEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.KBForEdit(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "kb.edit")
	kbFormValues(p, v)
	return h.kbForm(w, r, p, v, nil)
}

func kbFormValues(p *page, v app.KBView) {
	it, f := v.Item, p.Form
	f.Set("kind", it.Kind)
	f.Set("title", it.Title)
	f.Set("title_en", v.Doc.TitleEN)
	f.Set("category", it.CategoryID)
	f.Set("tags", strings.Join(it.Tags, ", "))
	f.Set("body", v.Doc.Body)
	f.Set("body_en", v.Doc.BodyEN)
	if it.Kind == app.KBCase {
		for k, s := range app.CaseSections("zh", v.Doc.Body) {
			f.Set("case_"+k, s)
		}
		for k, s := range app.CaseSections("en", v.Doc.BodyEN) {
			f.Set("case_en_"+k, s)
		}
	}
	f.Set("visibility", it.Visibility)
	var nos []string
	for _, ref := range it.Audience {
		switch ref.Kind {
		case "person":
			nos = append(nos, ref.No)
		default:
			f.Add(ref.Kind, ref.ID)
		}
	}
	f.Set("access", strings.Join(nos, ", "))
	f.Set("review_days", strconv.FormatInt(it.ReviewDays, 10))
	f.Set("video_url", it.VideoURL)
	f["module"], f["sop"] = it.Modules, it.SOPs
	for _, file := range v.Files {
		f.Add("file", file.ID)
	}
	for _, rule := range v.Rules {
		f.Add("rule", rule.Platform+" | "+rule.Name+" | "+rule.URL)
	}
	f.Set("rules", strings.Join(f["rule"], "\n"))
	f.Set("base", strconv.FormatInt(v.VersionNo, 10))
}

func (h *Handler) kbForm(w http.ResponseWriter, r *http.Request, p *page, v app.KBView, err error) error {
	ac := actorOf(r)
	p.Nav = "kb"
	if err != nil && r.PostForm != nil {
		p.Form = r.PostForm
	}
	cats, e := h.app.KBCategories(r.Context(), ac)
	if e != nil {
		return e
	}
	ch, e := h.choices(r)
	if e != nil {
		return e
	}
	topics, e := h.app.KBTopics(r.Context())
	if e != nil {
		return e
	}
	files, e := h.app.KBFilesByID(r.Context(), ac, p.Form["file"])
	if e != nil {
		return e
	}
	p.Data = map[string]any{"V": v, "ID": v.Item.ID, "Kinds": app.KBKinds(), "Visibilities": app.KBVisibilities(),
		"Categories": cats, "Choices": ch, "Topics": topics, "Files": files, "CaseParts": app.CaseParts,
		"UploadMB": kbUploadMB}
	if err != nil {
		return h.invalid(w, r, err, "kb_edit", p)
	}
	return h.render(w, r, "kb_edit", p)
}

// kbInput reads the editor's multipart form, storing attached files first
// (so a refused save keeps them on the re-shown form).
func (h *Handler) kbInput(r *http.Request) (app.KBInput, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		return app.KBInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	for _, fh := range r.MultipartForm.File["attach"] {
		file, err := fh.Open()
		if err != nil {
			return app.KBInput{}, err
		}
		up, err := h.app.UploadKBFile(r.Context(), actorOf(r), fh.Filename, file)
		file.Close()
		if err != nil {
			return app.KBInput{}, err
		}
		f.Add("file", up.ID)
	}
	days, _ := strconv.ParseInt(strings.TrimSpace(f.Get("review_days")), 10, 64)
	base, _ := strconv.ParseInt(f.Get("base"), 10, 64)
	in := app.KBInput{Kind: f.Get("kind"), CategoryID: f.Get("category"), Title: f.Get("title"),
		TitleEN: f.Get("title_en"), Body: f.Get("body"), BodyEN: f.Get("body_en"), Visibility: f.Get("visibility"),
		ReviewDays: days, Tags: splitList(f.Get("tags")), Modules: f["module"], SOPs: f["sop"],
		VideoURL: f.Get("video_url"), Files: f["file"], Note: f.Get("note"), BaseNo: base,
		AccessNos: splitList(f.Get("access")), Rules: parseRules(f.Get("rules"))}
	if days == 0 {
		in.ReviewDays = -1 // an empty or bad number is refused, not defaulted
	}
	for _, kind := range []string{"department", "position"} {
		for _, id := range f[kind] {
			in.Audience = append(in.Audience, app.KBRef{Kind: kind, ID: id})
		}
	}
	if in.Kind == app.KBCase {
		in.Case, in.CaseEN = map[string]string{}, map[string]string{}
		for _, k := range app.CaseParts {
			in.Case[k], in.CaseEN[k] = f.Get("case_"+k), f.Get("case_en_"+k)
		}
	}
	return in, nil
}

// splitList splits on commas (either width), semicolons and spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，;； \n\t、", r) })
}

// parseRules reads "platform | name | URL" lines; a line with just a URL
// or "name | URL" is accepted too.
func parseRules(s string) []app.KBRule {
	var out []app.KBRule
	for line := range strings.SplitSeq(s, "\n") {
		parts := strings.Split(line, "|")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		switch {
		case len(parts) >= 3:
			out = append(out, app.KBRule{Platform: parts[0], Name: parts[1], URL: strings.Join(parts[2:], "|")})
		case len(parts) == 2:
			out = append(out, app.KBRule{Name: parts[0], URL: parts[1]})
		case parts[0] != "":
			out = append(out, app.KBRule{Name: parts[0], URL: parts[0]})
		}
	}
	return out
}

func (h *Handler) kbCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := h.kbInput(r)
	if err == nil {
		var id string
		if id, err = h.app.CreateKB(r.Context(), actorOf(r), in); err == nil {
			return redirect(w, r, "/kb/"+id, "flash.kb_saved")
		}
	}
	return h.kbForm(w, r, h.page(r, "kb.new"), app.KBView{}, err)
}

func (h *Handler) kbUpdate(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	in, err := h.kbInput(r)
	if err == nil {
		if err = h.app.UpdateKB(r.Context(), actorOf(r), id, in); err == nil {
			return redirect(w, r, "/kb/"+id, "flash.kb_saved")
		}
	}
	if k := shopdojo.KindOf(err); k != shopdojo.KindInvalid && k != shopdojo.KindConflict {
		return err
	}
	v, e := h.app.KBForEdit(r.Context(), actorOf(r), id)
	if e != nil {
		return e
	}
	return h.kbForm(w, r, h.page(r, "kb.edit"), v, err)
}

// kbPreview renders the editor's text as the reading page will (htmx).
func (h *Handler) kbPreview(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	body := r.FormValue("body")
	if r.FormValue("kind_preview") == app.KBCase {
		parts := map[string]string{}
		for _, k := range app.CaseParts {
			parts[k] = r.FormValue("case_" + k)
		}
		body = app.CaseBody("zh", parts)
	}
	files, err := h.app.KBFilesByID(r.Context(), actorOf(r), app.FileIDs(body))
	if err != nil {
		return err
	}
	m := map[string]app.LessonFile{}
	for _, f := range files {
		m[f.ID] = f
	}
	html, err := h.kbHTML(body, m)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write([]byte(html))
	return err
}

func (h *Handler) kbFileUpload(w http.ResponseWriter, r *http.Request) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err))
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err))
		}
		if part.FormName() == "file" && part.FileName() != "" {
			f, err := h.app.UploadKBFile(r.Context(), actorOf(r), part.FileName(), part)
			if err != nil {
				return h.jsonErr(w, r, err)
			}
			return writeJSON(w, http.StatusCreated, map[string]any{"id": f.ID, "name": f.Name, "type": f.ContentType,
				"size": f.Size, "image": f.Image(), "url": "/files/" + f.ID, "markdown": f.Markdown()})
		}
	}
}

// Picked reports whether a multi-valued form field holds v (checkboxes,
// multiple selects).
func (p *page) Picked(field, v string) bool { return slices.Contains(p.Form[field], v) }
