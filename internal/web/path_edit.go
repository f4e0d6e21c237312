package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
)

// The path builder (templates/path_edit.html, the pathBuilder component):
// the page holds the path as JSON and posts it whole to check or save;
// the answers are JSON with the problems in the page's language.

func (h *Handler) pathNew(w http.ResponseWriter, r *http.Request) error {
	return h.pathBuilder(w, r, "")
}

func (h *Handler) pathEdit(w http.ResponseWriter, r *http.Request) error {
	return h.pathBuilder(w, r, r.PathValue("id"))
}

func (h *Handler) pathBuilder(w http.ResponseWriter, r *http.Request, id string) error {
	in, err := h.app.PathForEdit(r.Context(), actorOf(r), id)
	if err != nil {
		return err
	}
	pk, err := h.app.PathPickerFor(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	title := "path_edit.title"
	if in.New {
		title = "path_edit.new_title"
	}
	p := h.page(r, title)
	p.Nav = "curriculum"
	p.Data = map[string]any{"E": in, "Levels": []string{"L1", "L2", "L3", "L4"}, "Payload": map[string]any{"edit": in, "picker": pk, "locale": p.Locale,
		"labels": map[string]string{"course": p.T("learn.ref_course"), "sop": p.T("learn.ref_sop"), "unit": p.T("learn.ref_unit"),
			"failed": p.T("path_edit.failed"), "checked": p.T("path_edit.checked"), "minutes": p.T("learn.minutes", "N", "{n}")}}}
	return h.render(w, r, "path_edit", p)
}

// pathProblemOut is a problem as the builder shows it.
type pathProblemOut struct {
	Stage, Item int
	Field, Text string
	Refs        []string
}

func (h *Handler) pathCheck(w http.ResponseWriter, r *http.Request) error {
	in, err := decodePathEdit(r)
	if err != nil {
		return err
	}
	probs, err := h.app.CheckPath(r.Context(), actorOf(r), in)
	if err != nil {
		return h.pathJSONErr(w, r, err, nil)
	}
	out, err := h.pathProblems(r, probs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"problems": out})
}

func (h *Handler) pathSave(w http.ResponseWriter, r *http.Request) error {
	in, err := decodePathEdit(r)
	if err != nil {
		return err
	}
	mid, probs, err := h.app.SavePath(r.Context(), actorOf(r), in)
	if err != nil {
		return h.pathJSONErr(w, r, err, probs)
	}
	flash := "curriculum.edit_saved"
	if in.Submit {
		flash = "curriculum.edit_submitted"
	}
	http.SetCookie(w, &http.Cookie{Name: "sd_flash", Value: flash, Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return writeJSON(w, http.StatusOK, map[string]any{"redirect": "/materials/" + mid + "/versions"})
}

func decodePathEdit(r *http.Request) (app.PathEdit, error) {
	var in app.PathEdit
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return in, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	return in, nil
}

// pathJSONErr answers a refused check or save: the message, the field
// errors and the path's problems, localized; other errors go to httpx.
func (h *Handler) pathJSONErr(w http.ResponseWriter, r *http.Request, err error, probs []app.PathProblem) error {
	if k := shopdojo.KindOf(err); k != shopdojo.KindInvalid && k != shopdojo.KindConflict {
		return err
	}
	p := h.page(r, "")
	msg, args := httpx.Message(err)
	fields := map[string]string{}
	for f, id := range httpx.Fields(err) {
		fields[f] = p.T(id)
	}
	out, perr := h.pathProblems(r, probs)
	if perr != nil {
		return perr
	}
	return writeJSON(w, httpx.Status(err), map[string]any{"message": p.T(msg, args), "fields": fields, "problems": out})
}

// pathProblems words the problems in the page's language, naming items
// by their titles instead of their ids.
func (h *Handler) pathProblems(r *http.Request, probs []app.PathProblem) ([]pathProblemOut, error) {
	out := make([]pathProblemOut, 0, len(probs))
	if len(probs) == 0 {
		return out, nil
	}
	var refs []string
	for _, pr := range probs {
		refs = append(refs, pr.Refs...)
		for _, k := range []string{"Item", "After", "Ref"} {
			if s, ok := pr.Args[k].(string); ok {
				refs = append(refs, s)
			}
		}
	}
	titles, err := h.app.RefTitles(r.Context(), actorOf(r), refs)
	if err != nil {
		return nil, err
	}
	p := h.page(r, "")
	name := func(ref string) string {
		if t, ok := titles[ref]; ok {
			return p.T("path_edit.quoted", "T", p.L(t.ZH, t.EN))
		}
		return ref
	}
	for _, pr := range probs {
		args := map[string]any{}
		for k, v := range pr.Args {
			args[k] = v
		}
		for _, k := range []string{"Item", "After", "Ref"} {
			if s, ok := args[k].(string); ok {
				args[k] = name(s)
			}
		}
		if c, ok := args["Cycle"].(string); ok {
			parts := strings.Split(c, " → ")
			for i := range parts {
				parts[i] = name(parts[i])
			}
			args["Cycle"] = strings.Join(parts, " → ")
		}
		if _, ok := args["Field"]; ok {
			args["Field"] = h.fieldLabel(p, pr)
		}
		out = append(out, pathProblemOut{Stage: pr.Stage, Item: pr.Item, Field: pr.Field, Text: p.T(pr.Msg, args), Refs: pr.Refs})
	}
	return out, nil
}

// fieldLabel is the builder's label of the path or stage field a problem
// is about, or the field's name when it has none.
func (h *Handler) fieldLabel(p *page, pr app.PathProblem) string {
	id := "path_edit.f_" + strings.ReplaceAll(pr.Field, ".", "_")
	if pr.Stage >= 0 {
		id = "path_edit.f_stage_" + strings.ReplaceAll(pr.Field, ".", "_")
	}
	if h.i18n.Has(p.Locale, id) {
		return p.T(id)
	}
	return pr.Field
}
