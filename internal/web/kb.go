package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shopdojo/shopdojo/internal/app"
)

// The knowledge base's reading side: the index (category tree, filters by
// type, tag and module), an item's page, the review list and marking an
// item reviewed. Who reads what is decided in app (one rule).

const kbPageSize = 20

func (h *Handler) kbIndex(w http.ResponseWriter, r *http.Request) error {
	ac, q := actorOf(r), r.URL.Query()
	pageNo, _ := strconv.Atoi(q.Get("page"))
	pageNo = max(pageNo, 1)
	f := app.KBFilter{Kind: q.Get("kind"), Category: q.Get("category"), Tag: q.Get("tag"), Module: q.Get("module"),
		Due: q.Get("due") == "1", Offset: (pageNo - 1) * kbPageSize, Limit: kbPageSize}
	list, err := h.app.ListKB(r.Context(), ac, f)
	if err != nil {
		return err
	}
	cats, err := h.app.KBCategories(r.Context(), ac)
	if err != nil {
		return err
	}
	topics, err := h.app.KBTopics(r.Context())
	if err != nil {
		return err
	}
	p := h.page(r, "kb.title")
	p.Nav = "kb"
	p.Data = map[string]any{"List": list, "Filter": f, "Categories": cats, "Kinds": app.KBKinds(), "Topics": topics,
		"Page": pageNo, "Pages": (list.Total + kbPageSize - 1) / kbPageSize,
		"Filtered": f.Kind != "" || f.Category != "" || f.Tag != "" || f.Module != "" || f.Due,
		"CatNames": catNames(cats, p)}
	return h.render(w, r, "kb_index", p)
}

func catNames(cats []app.KBCategory, p *page) map[string]string {
	out := map[string]string{}
	for _, c := range cats {
		out[c.ID] = p.L(c.Name, c.NameEN)
	}
	return out
}

// kbSection is one part of a case as its page shows it.
type kbSection struct {
	Key, Title string
	HTML       template.HTML
}

func (h *Handler) kbShow(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	v, err := h.app.GetKB(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "kb.title")
	p.Nav = "kb"
	data, err := h.kbShowData(p, v)
	if err != nil {
		return err
	}
	topics, err := h.app.KBTopics(r.Context())
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, t := range topics {
		names[t.ID] = p.L(t.Title, t.TitleEN)
	}
	data["TopicNames"] = names
	p.Data = data
	return h.render(w, r, "kb_show", p)
}

func (h *Handler) kbShowData(p *page, v app.KBView) (map[string]any, error) {
	files := v.FileMap()
	body := p.L(v.Doc.Body, v.Doc.BodyEN)
	lang := "zh"
	if p.Locale == "en" && v.Doc.BodyEN != "" {
		lang = "en"
	}
	data := map[string]any{"V": v, "Title": p.L(v.Item.Title, v.Item.TitleEN)}
	if v.Item.Kind == app.KBCase {
		var secs []kbSection
		parts := app.CaseSections(lang, body)
		for _, k := range app.CaseParts {
			if parts[k] == "" {
				continue
			}
			html, err := h.kbHTML(parts[k], files)
			if err != nil {
				return nil, err
			}
			secs = append(secs, kbSection{Key: k, Title: p.T("kb.case_" + k), HTML: html})
		}
		data["Sections"] = secs
	} else {
		html, err := h.kbHTML(body, files)
		if err != nil {
			return nil, err
		}
		data["HTML"] = html
	}
	data["Attachments"], data["Images"], data["Video"] = kbFileGroups(v, body)
	return data, nil
}

// kbFileGroups: downloadable files, images not shown in the text, and the
// video to play.
func kbFileGroups(v app.KBView, body string) (att []app.LessonFile, imgs []app.LessonFile, video *app.LessonFile) {
	linked := map[string]bool{}
	for _, f := range app.Attachments(body, v.FileMap()) {
		linked[f.ID] = true
	}
	for _, f := range v.Files {
		switch {
		case f.ContentType == "video/mp4" || f.ContentType == "video/webm":
			if video == nil {
				lf := f.LessonFile
				video = &lf
			}
		case f.Image():
			if !app.LinksTo(body, f.ID) {
				imgs = append(imgs, f.LessonFile)
			}
		default:
			att = append(att, f.LessonFile)
		}
	}
	return att, imgs, video
}

// kbHTML renders an item's text; links to its files become chips.
func (h *Handler) kbHTML(body string, files map[string]app.LessonFile) (template.HTML, error) {
	return h.md.HTMLWithFiles(body, func(href string) (string, bool) {
		id, ok := app.FileID(href)
		f, known := files[id]
		if !ok || !known || f.Image() {
			return "", false
		}
		return f.Label() + " · " + f.SizeText(), true
	})
}

func (h *Handler) kbReviews(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	items, err := h.app.KBReviews(r.Context(), ac)
	if err != nil {
		return err
	}
	p := h.page(r, "kb.reviews_title")
	p.Nav = "kb"
	p.Data = map[string]any{"Items": items}
	return h.render(w, r, "kb_reviews", p)
}

func (h *Handler) kbReviewed(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.MarkKBReviewed(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	next := "/kb/" + id
	if r.FormValue("next") == "reviews" {
		next = "/kb/reviews"
	}
	return redirect(w, r, next, "flash.kb_reviewed")
}

func (h *Handler) kbArchive(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.ArchiveKB(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/kb", "flash.kb_archived")
}

// kbQuery is the index's address with one filter changed (page reset).
func kbQuery(f app.KBFilter, key, value string) template.URL {
	q := url.Values{}
	for k, v := range map[string]string{"kind": f.Kind, "category": f.Category, "tag": f.Tag, "module": f.Module} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Due {
		q.Set("due", "1")
	}
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	if len(q) == 0 {
		return "/kb"
	}
	return template.URL("/kb?" + q.Encode()) //nolint:gosec // url.Values.Encode escapes every part
}
