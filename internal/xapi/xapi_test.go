package xapi

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "PT0S", 90 * time.Second: "PT1M30S", time.Hour + 2*time.Minute + 3500*time.Millisecond: "PT1H2M3.5S",
		2 * time.Hour: "PT2H", 250 * time.Millisecond: "PT0.25S",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := Statement{ActorID: "p1", Verb: Experienced.IRI, ObjectType: "position_profile", ObjectID: "m1",
		Timestamp: time.Now()}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.Verb, bad.ObjectType, bad.ActorID = "experienced", "a/b", ""
	bad.Result = &Result{Score: &Score{Scaled: 1.5}}
	err := bad.Validate()
	for _, want := range []string{"actor", "verb", "object", "scaled"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v lacks %q", err, want)
		}
	}
}

func TestEncode(t *testing.T) {
	pass := true
	ts := time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)
	s := Statement{ID: "0190aa00-0000-7000-8000-000000000001", ActorID: "p1", Verb: Passed.IRI,
		ObjectType: "exam", ObjectID: "e 1", ObjectName: "客服考试", Timestamp: ts, Stored: ts,
		Result: &Result{Score: &Score{Scaled: 0.9, Raw: 90, Max: 100}, Success: &pass, Duration: Duration(20 * time.Minute)}}
	b, err := Encode(s, "https://train.example.cn/", Agent{Name: "李娜", Account: "SD1003", HomePage: "https://train.example.cn"})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Actor struct {
			Account struct{ HomePage, Name string }
		}
		Verb   struct{ ID string }
		Object struct {
			ID string
		}
		Result struct {
			Score    struct{ Scaled float64 }
			Success  bool
			Duration string
		}
		Timestamp, Version string
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Actor.Account.Name != "SD1003" || doc.Verb.ID != Passed.IRI || doc.Object.ID != "https://train.example.cn/xapi/activities/exam/e%201" ||
		doc.Result.Score.Scaled != 0.9 || !doc.Result.Success || doc.Result.Duration != "PT20M" || doc.Timestamp != "2026-03-02T01:30:00Z" || doc.Version != "1.0.3" {
		t.Fatalf("%s", b)
	}
}
