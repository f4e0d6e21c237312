package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// The version pages (history, one version, compare, review actions) are
// shared by every kind of material; subjectLink leads back to the object
// a material describes.
func subjectLink(m shopdojo.Material) string {
	switch m.Kind {
	case app.KindPositionProfile:
		return "/positions/" + m.SubjectID
	case app.KindQuestion:
		return "/questions/" + m.SubjectID
	case app.KindKnowledge:
		return "/kb/" + m.SubjectID
	}
	return "/"
}

func versionNo(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func (h *Handler) materialVersions(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	v, err := h.app.MaterialVersion(r.Context(), ac, id, 0)
	if err != nil {
		return err
	}
	vs, err := h.app.Versions(r.Context(), ac, id)
	if err != nil {
		return err
	}
	p := h.page(r, "versions.title")
	p.Nav = navOf(v.Material)
	p.Data = map[string]any{"M": v.Material, "Versions": vs, "Back": subjectLink(v.Material)}
	return h.render(w, r, "versions", p)
}

func navOf(m shopdojo.Material) string {
	switch m.Kind {
	case app.KindPositionProfile:
		return "positions"
	case app.KindQuestion:
		return "banks"
	case app.KindKnowledge:
		return "kb"
	}
	return ""
}

func (h *Handler) materialVersion(w http.ResponseWriter, r *http.Request) error {
	p, err := h.versionPage(r)
	if err != nil {
		return err
	}
	return h.render(w, r, "version", p)
}

// versionPage shows one version of a material, with the review form when
// it waits for the viewer's review.
func (h *Handler) versionPage(r *http.Request) (*page, error) {
	v, err := h.app.MaterialVersion(r.Context(), actorOf(r), r.PathValue("id"), versionNo(r.PathValue("no")))
	if err != nil {
		return nil, err
	}
	html, _, err := h.textHTML(r, v.Version.Body)
	if err != nil {
		return nil, err
	}
	p := h.page(r, "versions.version")
	p.Nav = navOf(v.Material)
	p.Data = map[string]any{"V": v, "HTML": html, "Back": subjectLink(v.Material)}
	return p, nil
}

// materialCompare shows two versions side by side; without parameters it
// compares the latest version with the one before it.
func (h *Handler) materialCompare(w http.ResponseWriter, r *http.Request) error {
	ac, id, q := actorOf(r), r.PathValue("id"), r.URL.Query()
	newNo, oldNo := versionNo(q.Get("new")), versionNo(q.Get("old"))
	if newNo == 0 {
		v, err := h.app.MaterialVersion(r.Context(), ac, id, 0)
		if err != nil {
			return err
		}
		newNo = v.Material.LatestNo
	}
	if oldNo == 0 {
		oldNo = max(newNo-1, 1)
	}
	c, err := h.app.CompareVersions(r.Context(), ac, id, oldNo, newNo)
	if err != nil {
		return err
	}
	vs, err := h.app.Versions(r.Context(), ac, id)
	if err != nil {
		return err
	}
	p := h.page(r, "versions.compare")
	p.Nav = navOf(c.Material)
	p.Data = map[string]any{"C": c, "Versions": vs, "Back": subjectLink(c.Material)}
	return h.render(w, r, "compare", p)
}

func (h *Handler) versionSubmit(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.SubmitVersion(r.Context(), actorOf(r), id, versionNo(r.PathValue("no"))); err != nil {
		return err
	}
	return redirect(w, r, "/materials/"+id+"/versions", "flash.submitted")
}

// versionReview publishes or returns a version; a return without a note
// comes back to the version page with the field marked.
func (h *Handler) versionReview(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id, no := r.PathValue("id"), versionNo(r.PathValue("no"))
	approve := r.PostForm.Get("decision") == "publish"
	err := h.app.ReviewVersion(r.Context(), actorOf(r), id, no, approve, r.PostForm.Get("review_note"))
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		p, perr := h.versionPage(r)
		if perr != nil {
			return perr
		}
		return h.invalid(w, r, err, "version", p)
	}
	if err != nil {
		return err
	}
	flash := "flash.returned"
	if approve {
		flash = "flash.published"
	}
	return redirect(w, r, "/materials/"+id+"/versions", flash)
}

func (h *Handler) versionRollback(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id := r.PathValue("id")
	if _, err := h.app.RollbackVersion(r.Context(), actorOf(r), id, versionNo(r.PathValue("no")), r.PostForm.Get("note")); err != nil {
		return err
	}
	return redirect(w, r, "/materials/"+id+"/versions", "flash.rolled_back")
}

func (h *Handler) reviews(w http.ResponseWriter, r *http.Request) error {
	items, err := h.app.ReviewQueue(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "reviews.title")
	p.Nav = "reviews"
	p.Data = items
	return h.render(w, r, "reviews", p)
}
