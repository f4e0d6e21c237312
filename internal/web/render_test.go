package web

import (
	"html/template"
	"net/url"
	"strings"
	"testing"
)

// TestQueryWithInLinks: a pagination link keeps its query as a query (it
// once came out as "after%3d…", one key that named nothing).
func TestQueryWithInLinks(t *testing.T) {
	p := &page{Query: url.Values{"q": {"张"}, "after": {"SD1001"}}}
	tm := template.Must(template.New("x").Parse(`<a href="/people?{{.QueryWith "after" "SD1050"}}">`))
	var b strings.Builder
	if err := tm.Execute(&b, p); err != nil {
		t.Fatal(err)
	}
	if want := `<a href="/people?after=SD1050&amp;q=%E5%BC%A0">`; b.String() != want {
		t.Fatalf("got %s, want %s", b.String(), want)
	}
}
