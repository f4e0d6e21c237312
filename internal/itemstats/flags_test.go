package itemstats

import (
	"slices"
	"testing"
)

func TestFlagThresholds(t *testing.T) {
	def := Defined
	tests := []struct {
		name string
		s    ItemStats
		want []Flag
	}{
		{"nothing defined", ItemStats{}, nil},
		{"about right, good", ItemStats{Facility: def(50), Discrimination: def(40), DiscriminativeEfficiency: def(60)}, nil},
		{"facility 20 is difficult", ItemStats{Facility: def(20)}, []Flag{FlagTooHard}},
		{"facility 20.01 is moderately difficult", ItemStats{Facility: def(20.01)}, nil},
		{"facility 0", ItemStats{Facility: def(0)}, []Flag{FlagTooHard}},
		{"facility 89 is easy", ItemStats{Facility: def(89)}, nil},
		{"facility 89.5 is very easy", ItemStats{Facility: def(89.5)}, []Flag{FlagTooEasy}},
		{"facility 100", ItemStats{Facility: def(100)}, []Flag{FlagTooEasy}},
		{"DI 20 is weak, not very weak", ItemStats{Discrimination: def(20)}, nil},
		{"DI 19.99", ItemStats{Discrimination: def(19.99)}, []Flag{FlagLowDiscrimination}},
		{"DI 0", ItemStats{Discrimination: def(0)}, []Flag{FlagLowDiscrimination}},
		{"DI just negative", ItemStats{Discrimination: def(-0.01)}, []Flag{FlagNegativeDiscrimination}},
		{"DE 15 is not dubious", ItemStats{DiscriminativeEfficiency: def(15)}, nil},
		{"DE 14.99 is dubious", ItemStats{DiscriminativeEfficiency: def(14.99)}, []Flag{FlagLowEfficiency}},
		{"all at once, in order", ItemStats{Facility: def(5), Discrimination: def(-10), DiscriminativeEfficiency: def(-20)},
			[]Flag{FlagTooHard, FlagNegativeDiscrimination, FlagLowEfficiency}},
	}
	for _, tt := range tests {
		if got := flagsFor(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("%s: flags %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFacilityBand(t *testing.T) {
	tests := []struct {
		f    float64
		want Band
	}{
		{0, ExtremelyDifficult}, {5, ExtremelyDifficult}, {5.5, VeryDifficult},
		{10, VeryDifficult}, {11, Difficult}, {20, Difficult}, {21, ModeratelyDifficult},
		{34, ModeratelyDifficult}, {34.5, AboutRight}, {35, AboutRight}, {64, AboutRight},
		{65, FairlyEasy}, {80, FairlyEasy}, {81, Easy}, {89, Easy}, {90, VeryEasy},
		{94, VeryEasy}, {95, ExtremelyEasy}, {100, ExtremelyEasy},
	}
	for _, tt := range tests {
		if got := FacilityBand(tt.f); got != tt.want {
			t.Errorf("FacilityBand(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

// The facility flags are exactly the bands they are documented as.
func TestFacilityFlagsMatchBands(t *testing.T) {
	hard := []Band{ExtremelyDifficult, VeryDifficult, Difficult}
	easy := []Band{VeryEasy, ExtremelyEasy}
	for f := 0.0; f <= 100; f += 0.25 {
		flags := flagsFor(ItemStats{Facility: Defined(f)})
		band := FacilityBand(f)
		if got, want := slices.Contains(flags, FlagTooHard), slices.Contains(hard, band); got != want {
			t.Errorf("facility %v (%s): too_hard %v", f, band, got)
		}
		if got, want := slices.Contains(flags, FlagTooEasy), slices.Contains(easy, band); got != want {
			t.Errorf("facility %v (%s): too_easy %v", f, band, got)
		}
	}
}

func TestDiscriminationBand(t *testing.T) {
	tests := []struct {
		d    float64
		want Band
	}{
		{-5, InvalidDiscrimination}, {0, VeryWeakDiscrimination}, {19, VeryWeakDiscrimination},
		{19.5, VeryWeakDiscrimination}, {20, WeakDiscrimination}, {29.5, WeakDiscrimination},
		{30, AdequateDiscrimination}, {49.9, AdequateDiscrimination}, {50, VeryGoodDiscrimination},
		{100, VeryGoodDiscrimination},
	}
	for _, tt := range tests {
		if got := DiscriminationBand(tt.d); got != tt.want {
			t.Errorf("DiscriminationBand(%v) = %s, want %s", tt.d, got, tt.want)
		}
	}
}
