package i18n

import (
	"slices"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// Every message must exist in every locale.
func TestLocalesComplete(t *testing.T) {
	zh, err := IDs("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err := IDs("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range zh {
		if !slices.Contains(en, id) {
			t.Errorf("%s: missing in en", id)
		}
	}
	for _, id := range en {
		if !slices.Contains(zh, id) {
			t.Errorf("%s: missing in zh-CN", id)
		}
	}
	if len(zh) < 10 {
		t.Fatalf("only %d messages", len(zh))
	}
}

func TestMatchAndTranslate(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if Match("en-US,en;q=0.9") != "en" || Match("zh-TW") != "zh-CN" || Match("") != "zh-CN" || Match("fr") != "zh-CN" {
		t.Fatal("locale matching")
	}
	if b.T("en", "error.not_found", nil) == b.T("zh-CN", "error.not_found", nil) {
		t.Fatal("translations should differ")
	}
	if b.T("en", "no.such.id", nil) != "no.such.id" {
		t.Fatal("unknown id should come back as is")
	}
}

// TestFilledMatchesGoI18n: the placeholder fast path prints every message
// exactly as go-i18n's template would, with numbers, strings and a
// missing argument.
func TestFilledMatchesGoI18n(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range Locales {
		for id, msg := range b.filled[l] {
			args := map[string]any{}
			for i, name := range msg.names {
				if i%2 == 0 {
					args[name] = 42 + i
				} else {
					args[name] = "值<b>"
				}
			}
			if len(msg.names) > 1 {
				delete(args, msg.names[len(msg.names)-1])
			}
			want, err := b.loc[l].Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: args})
			if err != nil {
				t.Fatal(err)
			}
			if got := b.T(l, id, args); got != want {
				t.Errorf("%s %s: got %q, want %q", l, id, got, want)
			}
			var pairs []any
			for k, v := range args {
				pairs = append(pairs, k, int64Of(v))
			}
			if got := b.TPairs(l, id, pairs...); got != want {
				t.Errorf("%s %s as pairs: got %q, want %q", l, id, got, want)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d messages with placeholders take the fast path", n)
	}
}

// int64Of gives every other number as an int64, so TPairs' int64 case is
// checked too.
func int64Of(v any) any {
	if i, ok := v.(int); ok && i%4 == 0 {
		return int64(i)
	}
	return v
}
