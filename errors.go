package shopdojo

import (
	"errors"
	"fmt"
)

// Kind is one of a small closed set of error kinds. Only httpx maps kinds to
// HTTP statuses; everything else just returns errors carrying a kind.
type Kind int

// The error kinds.
const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindForbidden
	KindConflict
	KindUnauthenticated
	KindUnavailable
	KindTooMany
)

func (k Kind) String() string {
	switch k {
	case KindNotFound:
		return "not_found"
	case KindInvalid:
		return "invalid"
	case KindForbidden:
		return "forbidden"
	case KindConflict:
		return "conflict"
	case KindUnauthenticated:
		return "unauthenticated"
	case KindUnavailable:
		return "unavailable"
	case KindTooMany:
		return "too_many_requests"
	}
	return "internal"
}

// Error is a domain error. Msg is an i18n message id shown to the person;
// Fields holds per-field message ids for form validation, and FieldArgs the
// template arguments of those that take some; Err is the cause, logged but
// never shown.
type Error struct {
	Kind      Kind
	Msg       string
	Args      map[string]any
	Fields    map[string]string
	FieldArgs map[string]map[string]any
	Err       error
}

func (e *Error) Error() string {
	s := e.Kind.String()
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	for f, m := range e.Fields {
		s += fmt.Sprintf(" [%s: %s]", f, m)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// E builds a domain error of kind k with message id msg.
func E(k Kind, msg string) *Error { return &Error{Kind: k, Msg: msg} }

// Wrap returns a domain error of kind k that wraps cause.
func Wrap(k Kind, msg string, cause error) *Error { return &Error{Kind: k, Msg: msg, Err: cause} }

// Sentinel errors that store maps driver errors to.
var (
	ErrNotFound    = E(KindNotFound, "error.not_found")
	ErrConflict    = E(KindConflict, "error.conflict")
	ErrUnavailable = E(KindUnavailable, "error.unavailable")
	ErrForbidden   = E(KindForbidden, "error.forbidden")
	ErrUnauth      = E(KindUnauthenticated, "error.unauthenticated")
)

// KindOf reports the kind of err: the kind of the outermost *Error in its
// chain, or KindInternal.
func KindOf(err error) Kind {
	var de *Error
	if errors.As(err, &de) {
		return de.Kind
	}
	return KindInternal
}

// Validation collects per-field problems; Err returns nil when there are none.
type Validation struct{ fields map[string]string }

// Add records msg (an i18n id) for field unless the field already has one.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check adds msg for field when ok is false.
func (v *Validation) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Err returns a KindInvalid error listing every field problem, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalid, Msg: "error.invalid", Fields: v.fields}
}
