// Package xapi is the shape of ShopDojo's learning record: statements as
// the Experience API (xAPI 1.0.3) defines them — an actor, a verb IRI, an
// activity, an optional result and context, and timestamps — plus their
// validation and their standard JSON form for export to an LRS. It knows
// nothing of storage; the app layer keeps statements in their own table.
package xapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Verb is an xAPI verb: an IRI and an English display name.
type Verb struct {
	IRI     string
	Display string
}

// The ADL verbs ShopDojo records.
var (
	Experienced = Verb{"http://adlnet.gov/expapi/verbs/experienced", "experienced"}
	Attempted   = Verb{"http://adlnet.gov/expapi/verbs/attempted", "attempted"}
	Answered    = Verb{"http://adlnet.gov/expapi/verbs/answered", "answered"}
	Progressed  = Verb{"http://adlnet.gov/expapi/verbs/progressed", "progressed"}
	Completed   = Verb{"http://adlnet.gov/expapi/verbs/completed", "completed"}
	Passed      = Verb{"http://adlnet.gov/expapi/verbs/passed", "passed"}
	Failed      = Verb{"http://adlnet.gov/expapi/verbs/failed", "failed"}
)

// Verbs lists the known verbs, for display names.
var Verbs = []Verb{Experienced, Attempted, Answered, Progressed, Completed, Passed, Failed}

// VerbName is the short name of a known verb IRI ("experienced"), or the IRI.
func VerbName(iri string) string {
	for _, v := range Verbs {
		if v.IRI == iri {
			return v.Display
		}
	}
	return iri
}

// Score is a result's score; Scaled is in [-1, 1].
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Result is what came of an attempt.
type Result struct {
	Score      *Score `json:"score,omitempty"`
	Success    *bool  `json:"success,omitempty"`
	Completion *bool  `json:"completion,omitempty"`
	Response   string `json:"response,omitempty"`
	Duration   string `json:"duration,omitempty"` // ISO 8601, see Duration
}

// Context says what the statement happened within.
type Context struct {
	Registration string         `json:"registration,omitempty"` // UUID of an enrolment or attempt
	Parent       string         `json:"parent,omitempty"`       // activity id of the course, exam …
	Language     string         `json:"language,omitempty"`
	Extensions   map[string]any `json:"extensions,omitempty"`
}

// Statement is one learning record entry. ObjectType is ShopDojo's kind
// of activity (position_profile, lesson, exam …) and ObjectID its id; the
// activity IRI is made from them on export.
type Statement struct {
	ID         string
	ActorID    string
	Verb       string // IRI
	ObjectType string
	ObjectID   string
	ObjectName string
	Result     *Result
	Context    *Context
	Timestamp  time.Time // when it happened
	Stored     time.Time // when ShopDojo recorded it
	Authority  string    // who vouches for it: "system" or a person id
}

// Validate checks what the store and an LRS rely on.
func (s Statement) Validate() error {
	var errs []error
	if s.ActorID == "" {
		errs = append(errs, errors.New("no actor"))
	}
	if u, err := url.Parse(s.Verb); err != nil || !u.IsAbs() {
		errs = append(errs, fmt.Errorf("verb %q is not an absolute IRI", s.Verb))
	}
	if s.ObjectType == "" || s.ObjectID == "" || strings.ContainsAny(s.ObjectType, "/ ") {
		errs = append(errs, fmt.Errorf("object %q/%q is incomplete", s.ObjectType, s.ObjectID))
	}
	if s.Timestamp.IsZero() {
		errs = append(errs, errors.New("no timestamp"))
	}
	if r := s.Result; r != nil && r.Score != nil && (r.Score.Scaled < -1 || r.Score.Scaled > 1) {
		errs = append(errs, fmt.Errorf("scaled score %v outside [-1, 1]", r.Score.Scaled))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("xapi: %w", err)
	}
	return nil
}

// Duration formats d as the ISO 8601 duration xAPI uses (PT1H2M3.5S).
func Duration(d time.Duration) string {
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	sec := float64(d%time.Minute) / float64(time.Second)
	out := "PT"
	if h > 0 {
		out += fmt.Sprintf("%dH", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%dM", m)
	}
	if sec > 0 || out == "PT" {
		out += strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", sec), "0"), ".") + "S"
	}
	return out
}

// Agent identifies the actor on export: an account on the ShopDojo site.
type Agent struct {
	Name     string // display name
	Account  string // employee number
	HomePage string // the site's base URL
}

// Encode returns the statement as xAPI 1.0.3 JSON; base is the site's URL,
// under which activity ids are minted as base/xapi/activities/TYPE/ID.
func Encode(s Statement, base string, actor Agent) ([]byte, error) {
	base = strings.TrimSuffix(base, "/")
	doc := map[string]any{
		"id": s.ID,
		"actor": map[string]any{"objectType": "Agent", "name": actor.Name,
			"account": map[string]any{"homePage": actor.HomePage, "name": actor.Account}},
		"verb": map[string]any{"id": s.Verb, "display": map[string]string{"en-US": VerbName(s.Verb)}},
		"object": map[string]any{"objectType": "Activity",
			"id":         base + "/xapi/activities/" + url.PathEscape(s.ObjectType) + "/" + url.PathEscape(s.ObjectID),
			"definition": map[string]any{"name": map[string]string{"zh-CN": s.ObjectName}}},
		"timestamp": s.Timestamp.UTC().Format(time.RFC3339Nano),
		"stored":    s.Stored.UTC().Format(time.RFC3339Nano),
		"version":   "1.0.3",
	}
	if s.Result != nil {
		doc["result"] = s.Result
	}
	if s.Context != nil {
		doc["context"] = s.Context
	}
	return json.Marshal(doc)
}
