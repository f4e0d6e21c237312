// Package search is the search engine without storage: it turns Chinese and
// English text into index tokens (gse words, their characters and bigrams,
// pinyin), parses a query into groups of alternatives (with synonyms and
// pinyin), builds highlighted snippets and blends relevance with recency and
// popularity. The SQL that stores and matches tokens lives in store.
package search

import "time"

// Kinds of searchable documents.
const (
	KindLesson   = "lesson"
	KindSOP      = "sop"
	KindCase     = "case"
	KindQuestion = "question"
	KindKB       = "kb"
)

// Kinds lists every kind in display order.
var Kinds = []string{KindKB, KindLesson, KindSOP, KindCase, KindQuestion}

// Audiences: who may open a document. The audience is shown; what the
// database filters on is Doc.Principals.
const (
	AudienceEveryone = "everyone"
	AudienceTrainers = "trainers"
	AudienceACL      = "acl"
)

// PrincipalEveryone is held by every signed-in person.
const PrincipalEveryone = "everyone"

// Principal formats: "dept:<id>", "pos:<id>", "person:<id>", "role:<name>",
// "perm:<permission>" and "everyone".
func Principal(kind, id string) string { return kind + ":" + id }

// Doc is one searchable document as its source describes it.
type Doc struct {
	Kind       string
	RefID      string
	Title      string
	Body       string // plain text
	Tags       []string
	Module     string
	Platform   string
	UpdatedAt  time.Time
	Audience   string
	Principals []string // who may open it; empty means everyone
	URL        string
}

// ID is the document's key in the index.
func (d Doc) ID() string { return d.Kind + ":" + d.RefID }

// Indexed is a document with its tokens, ready to store.
type Indexed struct {
	Doc
	TitleTokens string // space-separated
	Tokens      string
	Pinyin      string
}
