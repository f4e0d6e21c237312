package api

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// Page sizes of the people list.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// respond writes v with status st unless err is set; loc, if any, becomes
// the Location header of a created resource.
func respond(w http.ResponseWriter, st int, loc string, v any, err error) error {
	if err != nil {
		return err
	}
	if loc != "" {
		w.Header().Set("Location", loc)
	}
	writeJSON(w, st, v)
	return nil
}

// peopleFilter reads the list's query parameters. The cursor is opaque to
// clients: it wraps the app's keyset position.
func peopleFilter(q url.Values) (app.PeopleFilter, error) {
	f := app.PeopleFilter{Query: q.Get("q"), DepartmentID: q.Get("department"), PositionID: q.Get("position"),
		Status: q.Get("status"), Role: q.Get("role"), Limit: defaultLimit}
	fields := map[string]string{}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			fields["limit"] = "api.limit_range"
		}
		f.Limit = n
	}
	if c := q.Get("cursor"); c != "" {
		after, err := base64.RawURLEncoding.DecodeString(c)
		if err != nil || len(after) == 0 {
			fields["cursor"] = "api.cursor_invalid"
		}
		f.After = string(after)
	}
	if len(fields) > 0 {
		return f, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "api.bad_query", Fields: fields,
			Args: map[string]any{"Min": 1, "Max": maxLimit}}
	}
	return f, nil
}

func encodeCursor(next string) string {
	if next == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(next))
}

func (h *Handler) peopleList(w http.ResponseWriter, r *http.Request) error {
	f, err := peopleFilter(r.URL.Query())
	if err != nil {
		return err
	}
	page, err := h.app.People(r.Context(), actorOf(r), f)
	return respond(w, http.StatusOK, "", list[personSummary]{Items: mapAll(page.People, toPersonSummary),
		NextCursor: encodeCursor(page.Next)}, err)
}

func (h *Handler) personGet(w http.ResponseWriter, r *http.Request) error {
	p, err := h.app.Person(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toPerson(p), err)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	p, err := h.app.Person(r.Context(), ac, ac.PersonID)
	return respond(w, http.StatusOK, "", toPerson(p), err)
}

func (h *Handler) personCreate(w http.ResponseWriter, r *http.Request) error {
	var in personInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreatePerson(r.Context(), ac, in.app())
	if err != nil {
		return err
	}
	p, err := h.app.Person(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/people/"+id, toPerson(p), err)
}

// personPut replaces a person: omitted fields become empty.
func (h *Handler) personPut(w http.ResponseWriter, r *http.Request) error {
	var in personInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	return h.personSave(w, r, in)
}

// personPatch merges the fields sent onto the current record.
func (h *Handler) personPatch(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.app.Person(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	in := personInputOf(cur)
	if err := decode(w, r, &in); err != nil {
		return err
	}
	return h.personSave(w, r, in)
}

func (h *Handler) personSave(w http.ResponseWriter, r *http.Request, in personInput) error {
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdatePerson(r.Context(), ac, id, in.app()); err != nil {
		return err
	}
	p, err := h.app.Person(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toPerson(p), err)
}
