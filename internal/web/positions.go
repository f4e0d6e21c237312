package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

// positionProfile is a position and the profile version the viewer sees.
func (h *Handler) positionProfile(r *http.Request) (shopdojo.Position, app.MaterialView, error) {
	ac, id := actorOf(r), r.PathValue("id")
	pos, err := h.app.Position(r.Context(), ac, id)
	if err != nil {
		return pos, app.MaterialView{}, err
	}
	v, _, err := h.app.MaterialFor(r.Context(), ac, app.KindPositionProfile, id)
	return pos, v, err
}

// positionShow is a position with its published profile (岗位说明书).
func (h *Handler) positionShow(w http.ResponseWriter, r *http.Request) error {
	pos, v, err := h.positionProfile(r)
	if err != nil {
		return err
	}
	html, err := h.md.HTML(v.Version.Body)
	if err != nil {
		return err
	}
	if v.Version.Status == shopdojo.VersionPublished {
		h.recordRead(r, v)
	}
	p := h.page(r, "position.title")
	p.Nav = "positions"
	p.Data = map[string]any{"Pos": pos, "V": v, "HTML": html}
	return h.render(w, r, "position", p)
}

// profileEdit opens the editor on the latest version, so an unpublished
// draft is continued rather than lost.
func (h *Handler) profileEdit(w http.ResponseWriter, r *http.Request) error {
	pos, v, err := h.positionProfile(r)
	if err != nil {
		return err
	}
	if v.Material.ID != "" && v.Version.No != v.Material.LatestNo {
		if v, err = h.app.MaterialVersion(r.Context(), actorOf(r), v.Material.ID, v.Material.LatestNo); err != nil {
			return err
		}
	}
	p := h.page(r, "profile.edit")
	p.Form.Set("title", orDefault(v.Version.Title, p.T("profile.default_title", "Name", pos.Name)))
	p.Form.Set("body", v.Version.Body)
	p.Form.Set("base_no", strconv.FormatInt(v.Material.LatestNo, 10))
	return h.profileForm(w, r, p, pos, nil)
}

func (h *Handler) profileForm(w http.ResponseWriter, r *http.Request, p *page, pos shopdojo.Position, err error) error {
	p.Nav = "positions"
	p.Data = map[string]any{"Pos": pos, "First": p.Form.Get("base_no") == "0"}
	if err != nil {
		return h.invalid(w, r, err, "profile_form", p)
	}
	return h.render(w, r, "profile_form", p)
}

func (h *Handler) profileSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	ac, id, f := actorOf(r), r.PathValue("id"), r.PostForm
	pos, err := h.app.Position(r.Context(), ac, id)
	if err != nil {
		return err
	}
	in := app.VersionInput{Kind: app.KindPositionProfile, SubjectID: id, BaseNo: versionNo(f.Get("base_no")),
		Title: f.Get("title"), Body: f.Get("body"), Note: f.Get("note"), Major: f.Get("major") != "",
		Submit: f.Get("submit") == "review"}
	mid, _, err := h.app.SaveVersion(r.Context(), ac, in)
	if err != nil {
		return h.profileForm(w, r, h.page(r, "profile.edit"), pos, err)
	}
	flash := "flash.draft_saved"
	if in.Submit {
		flash = "flash.submitted"
	}
	return redirect(w, r, "/materials/"+mid+"/versions", flash)
}

// recordRead puts "experienced" on the reader's learning record. A failure
// is logged, not shown: the page itself worked.
func (h *Handler) recordRead(r *http.Request, v app.MaterialView) {
	st := xapi.Statement{Verb: xapi.Experienced.IRI, ObjectType: v.Material.Kind, ObjectID: v.Material.ID,
		ObjectName: v.Version.Title, Context: &xapi.Context{Extensions: map[string]any{"version": v.Version.No}}}
	if err := h.app.RecordLearning(r.Context(), actorOf(r), st); err != nil {
		h.log.WarnContext(r.Context(), "record learning", "err", err)
	}
}
