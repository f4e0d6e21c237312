package itemstats

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
)

func TestComputeRejects(t *testing.T) {
	item := func() Item { return Item{ID: "q", Max: 1, Options: []string{"A", "B"}} }
	ok := func() Attempt { return Attempt{Scores: []float64{1}} }
	tests := []struct {
		name     string
		items    []Item
		attempts []Attempt
	}{
		{"no items", nil, nil},
		{"empty ID", []Item{{Max: 1}}, nil},
		{"repeated ID", []Item{item(), item()}, nil},
		{"negative max", []Item{{ID: "q", Max: -1}}, nil},
		{"NaN max", []Item{{ID: "q", Max: math.NaN()}}, nil},
		{"repeated option", []Item{{ID: "q", Max: 1, Options: []string{"A", "A"}}}, nil},
		{"empty option", []Item{{ID: "q", Max: 1, Options: []string{""}}}, nil},
		{"too few scores", []Item{item()}, []Attempt{{Scores: nil}}},
		{"too many presented flags", []Item{item()}, []Attempt{{Scores: []float64{1}, Presented: []bool{true, true}}}},
		{"too many choice lists", []Item{item()}, []Attempt{{Scores: []float64{1}, Choices: [][]string{nil, nil}}}},
		{"NaN score", []Item{item()}, []Attempt{ok(), {Scores: []float64{math.NaN()}}}},
		{"infinite score", []Item{item()}, []Attempt{{Scores: []float64{math.Inf(-1)}}}},
		{"unknown option", []Item{item()}, []Attempt{{Scores: []float64{1}, Choices: [][]string{{"C"}}}}},
		{"option twice", []Item{item()}, []Attempt{{Scores: []float64{1}, Choices: [][]string{{"A", "A"}}}}},
		{"choice on a non-choice item", []Item{{ID: "q", Max: 1}}, []Attempt{{Scores: []float64{1}, Choices: [][]string{{"A"}}}}},
	}
	for _, tt := range tests {
		_, err := Compute(tt.items, tt.attempts)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", tt.name, err)
		}
	}
}

func TestStatJSON(t *testing.T) {
	b, err := json.Marshal([]Stat{Defined(1.5), {}, Defined(math.NaN())})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "[1.5,null,null]" {
		t.Errorf("got %s", b)
	}
	var back []Stat
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back[0] != Defined(1.5) || back[1] != (Stat{}) || back[2] != (Stat{}) {
		t.Errorf("round trip = %+v", back)
	}
}

func TestGuessHelpers(t *testing.T) {
	near(t, "single of 4", SingleChoiceGuess(1, 0, 0, 0), 0.25)
	near(t, "single with part credit", SingleChoiceGuess(1, 0.5, 0, 0), 0.375)
	near(t, "multi 2 of 5", MultiResponseGuess(2, 5), 0.4)
	near(t, "true/false", TrueFalseGuess, 0.5)
	undefined(t, "no options", SingleChoiceGuess())
	undefined(t, "bad multi", MultiResponseGuess(3, 2))
}
