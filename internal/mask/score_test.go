package mask

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// score counts, per kind, true positives and the findings and labels.
type score struct{ tp, found, labelled int }

func scoreSet(m *Masker, set []labelled) (map[Kind]*score, []string) {
	sc := map[Kind]*score{}
	for _, k := range TextKinds() {
		sc[k] = &score{}
	}
	var misses []string
	for _, l := range set {
		got := m.Find(l.text)
		want := map[Finding]bool{}
		for _, f := range l.spans {
			want[f] = true
			sc[f.Kind].labelled++
		}
		for _, f := range got {
			sc[f.Kind].found++
			if want[f] {
				sc[f.Kind].tp++
				delete(want, f)
			} else {
				misses = append(misses, fmt.Sprintf("false %s %q in %q", f.Kind, l.text[f.Start:f.End], l.text))
			}
		}
		for f := range want {
			misses = append(misses, fmt.Sprintf("missed %s %q in %q", f.Kind, l.text[f.Start:f.End], l.text))
		}
	}
	return sc, misses
}

func (s *score) precision() float64 { return ratio(s.tp, s.found) }
func (s *score) recall() float64    { return ratio(s.tp, s.labelled) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestGeneratedScores measures precision and recall on the generated
// labelled set; docs/masking.md quotes the table it logs.
func TestGeneratedScores(t *testing.T) {
	set := generate(1, 6000)
	checkScores(t, testMasker(t), set)
}

func checkScores(t *testing.T, m *Masker, set []labelled) {
	t.Helper()
	sc, misses := scoreSet(m, set)
	var tab strings.Builder
	fmt.Fprintf(&tab, "%d texts\n%-10s %8s %8s %9s %7s\n", len(set), "kind", "labelled", "found", "precision", "recall")
	for _, k := range TextKinds() {
		s := sc[k]
		fmt.Fprintf(&tab, "%-10s %8d %8d %9.4f %7.4f\n", k, s.labelled, s.found, s.precision(), s.recall())
		if s.precision() < 0.95 {
			t.Errorf("%s precision %.4f < 0.95", k, s.precision())
		}
		if (k == Phone || k == IDCard || k == BankCard) && s.recall() < 0.99 {
			t.Errorf("%s recall %.4f < 0.99", k, s.recall())
		}
	}
	t.Log("\n" + tab.String())
	for i, m := range misses {
		if i == 20 {
			t.Logf("… %d more", len(misses)-20)
			break
		}
		t.Log(m)
	}
}
