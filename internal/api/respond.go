package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/httpx"
)

// maxBody limits request bodies; the API takes small JSON documents only.
const maxBody = 1 << 20

// errorBody is the one shape of every API error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id"`
}

// statusError carries a status that the error kinds cannot express (a
// malformed body is 400, not the 422 of a validation error) around a
// domain error that still gives the code and the message.
type statusError struct {
	status int
	err    error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func status(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	return httpx.Status(err)
}

func writeJSON(w http.ResponseWriter, st int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	_ = json.NewEncoder(w).Encode(v)
}

// fail writes err as the API error body, localized for the caller; internal
// details are logged, never sent.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	httpx.LogError(h.log, r, err)
	if errors.Is(err, context.Canceled) {
		return
	}
	loc := h.localeOf(r)
	msg, args := httpx.Message(err)
	d := errorDetail{Code: shopdojo.KindOf(err).String(), Message: h.i18n.T(loc, msg, args),
		RequestID: httpx.RequestID(r.Context())}
	if fields := httpx.Fields(err); len(fields) > 0 {
		d.Fields = make(map[string]string, len(fields))
		for f, id := range fields {
			fa := httpx.FieldArgs(err, f)
			if fa == nil {
				fa = args
			}
			d.Fields[f] = h.i18n.T(loc, id, fa)
		}
	}
	writeJSON(w, status(err), errorBody{Error: d})
}

// decode reads one JSON document into v, refusing unknown fields, trailing
// data and bodies over maxBody.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonErr(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return badJSON("api.bad_json", nil, err)
	}
	return nil
}

// jsonErr explains a decoding failure; the field named in it, if any, gets
// its own message.
func jsonErr(err error) error {
	var mbe *http.MaxBytesError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &mbe):
		return shopdojo.Wrap(shopdojo.KindInvalid, "api.too_large", err)
	case errors.Is(err, io.EOF):
		return badJSON("api.empty_body", nil, err)
	case errors.As(err, &te) && te.Field != "":
		return badJSON("api.bad_json", map[string]string{te.Field: "api.wrong_type"}, err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badJSON("api.bad_json", map[string]string{name: "api.unknown_field"}, err)
	}
	return badJSON("api.bad_json", nil, err)
}

func badJSON(msg string, fields map[string]string, cause error) error {
	return &statusError{status: http.StatusBadRequest,
		err: &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: msg, Fields: fields, Err: cause}}
}

// noRoute answers a path under the API prefix that no route serves: 405
// with Allow when another method would match, else 404.
func (h *Handler) noRoute(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.WithContext(r.Context())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "" && pattern != Prefix+"/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return shopdojo.E(shopdojo.KindNotFound, "api.no_route")
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return &statusError{status: http.StatusMethodNotAllowed,
		err: shopdojo.E(shopdojo.KindInvalid, "api.method_not_allowed")}
}
