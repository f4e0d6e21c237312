package i18n

import (
	"slices"
	"testing"
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
