package kpi

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

func TestDecomposeExamples(t *testing.T) {
	tests := []struct {
		name          string
		before, after Factors
		want          [3]float64
	}{
		{"only visitors change", Factors{1000, 0.05, 8000}, Factors{2000, 0.05, 8000}, [3]float64{400000, 0, 0}},
		{"no change", Factors{1000, 0.05, 8000}, Factors{1000, 0.05, 8000}, [3]float64{0, 0, 0}},
		{"conversion from zero takes it all", Factors{1000, 0, 8000}, Factors{1200, 0.05, 9000}, [3]float64{0, 540000, 0}},
		{"two factors to zero share", Factors{1000, 0.05, 8000}, Factors{0, 0, 8000}, [3]float64{-200000, -200000, 0}},
		{"zero in both periods", Factors{0, 0.05, 8000}, Factors{0, 0.06, 9000}, [3]float64{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decompose(tt.before, tt.after)
			got := [3]float64{d.Visitors, d.Conversion, d.AOV}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-6 {
					t.Errorf("parts %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
}

// TestDecomposeSums: the parts add up to the change within a fen, and
// the rounded parts add up to the rounded change exactly.
func TestDecomposeSums(t *testing.T) {
	factor := func(t *rapid.T, name string, hi float64) float64 {
		if rapid.IntRange(0, 9).Draw(t, name+"_zero") == 0 {
			return 0
		}
		return rapid.Float64Range(1e-6, hi).Draw(t, name)
	}
	draw := func(t *rapid.T, p string) Factors {
		return Factors{factor(t, p+"v", 1e7), factor(t, p+"c", 1), factor(t, p+"a", 1e6)}
	}
	rapid.Check(t, func(t *rapid.T) {
		b, a := draw(t, "b"), draw(t, "a")
		d := Decompose(b, a)
		if sum := d.Visitors + d.Conversion + d.AOV; math.Abs(sum-d.Delta) > 1 {
			t.Fatalf("parts sum to %v, change is %v", sum, d.Delta)
		}
		v, c, o := d.Fen()
		if v+c+o != int64(math.Round(d.After))-int64(math.Round(d.Before)) {
			t.Fatalf("fen parts %d %d %d do not sum to the rounded change", v, c, o)
		}
	})
}
