package itemstats

// Flag marks an item worth a reviewer's look.
type Flag string

// The flags and their rules. Thresholds come from Moodle's user
// documentation of the quiz statistics report (docs.moodle.org, "Quiz
// statistics report": the facility-index and discrimination-index
// interpretation tables) and, for the efficiency flag, from the report's
// own code (statistics_table::is_dubious_question).
const (
	// FlagTooHard: facility ≤ 20%, Moodle's "difficult", "very difficult"
	// and "extremely difficult or something wrong with the question" bands.
	FlagTooHard Flag = "too_hard"
	// FlagTooEasy: facility above 89%, Moodle's "very easy" and "extremely
	// easy" bands (90–100).
	FlagTooEasy Flag = "too_easy"
	// FlagNegativeDiscrimination: discrimination index below 0, which
	// Moodle reads as "question probably invalid" (often a wrong key).
	FlagNegativeDiscrimination Flag = "negative_discrimination"
	// FlagLowDiscrimination: discrimination index from 0 to below 20%,
	// Moodle's "very weak discrimination" band.
	FlagLowDiscrimination Flag = "low_discrimination"
	// FlagLowEfficiency: discriminative efficiency below 15%, the rule by
	// which Moodle's table marks a question "dubious".
	FlagLowEfficiency Flag = "low_discriminative_efficiency"
)

// The thresholds, in percent, so that screens can explain a flag.
const (
	TooHardAtMost          = 20.0
	TooEasyAbove           = 89.0
	LowDiscriminationBelow = 20.0
	LowEfficiencyBelow     = 15.0
)

// flagsFor derives an item's flags from its defined statistics, in the
// order of the constants above. An undefined statistic raises no flag.
func flagsFor(s ItemStats) []Flag {
	var flags []Flag
	if f := s.Facility; f.Defined {
		if f.Value <= TooHardAtMost {
			flags = append(flags, FlagTooHard)
		}
		if f.Value > TooEasyAbove {
			flags = append(flags, FlagTooEasy)
		}
	}
	if d := s.Discrimination; d.Defined {
		switch {
		case d.Value < 0:
			flags = append(flags, FlagNegativeDiscrimination)
		case d.Value < LowDiscriminationBelow:
			flags = append(flags, FlagLowDiscrimination)
		}
	}
	if e := s.DiscriminativeEfficiency; e.Defined && e.Value < LowEfficiencyBelow {
		flags = append(flags, FlagLowEfficiency)
	}
	return flags
}

// Band is a named range of an index in Moodle's interpretation tables.
type Band string

// Facility-index bands (percent), from the Moodle documentation.
const (
	ExtremelyDifficult  Band = "extremely_difficult"  // 0–5: or something wrong with the question
	VeryDifficult       Band = "very_difficult"       // 6–10
	Difficult           Band = "difficult"            // 11–20
	ModeratelyDifficult Band = "moderately_difficult" // 21–34
	AboutRight          Band = "about_right"          // 35–64: about right for the average student
	FairlyEasy          Band = "fairly_easy"          // 66–80
	Easy                Band = "easy"                 // 81–89
	VeryEasy            Band = "very_easy"            // 90–94
	ExtremelyEasy       Band = "extremely_easy"       // 95–100
)

// facilityBands are the bands' upper ends. Moodle's table lists whole
// percentages and skips 65; a value between two rows (34.5, 65) belongs to
// the higher row, so every real value has exactly one band.
var facilityBands = []struct {
	upTo float64
	band Band
}{
	{5, ExtremelyDifficult}, {10, VeryDifficult}, {20, Difficult},
	{34, ModeratelyDifficult}, {64, AboutRight}, {80, FairlyEasy},
	{89, Easy}, {94, VeryEasy},
}

// FacilityBand names the band of a facility index given in percent.
func FacilityBand(facility float64) Band {
	for _, b := range facilityBands {
		if facility <= b.upTo {
			return b.band
		}
	}
	return ExtremelyEasy
}

// Discrimination-index bands (percent), from the Moodle documentation.
const (
	VeryGoodDiscrimination Band = "very_good" // 50 and above
	AdequateDiscrimination Band = "adequate"  // 30–50
	WeakDiscrimination     Band = "weak"      // 20–29
	VeryWeakDiscrimination Band = "very_weak" // 0–19
	InvalidDiscrimination  Band = "invalid"   // negative: question probably invalid
)

// DiscriminationBand names the band of a discrimination index in percent;
// a value between rows (29.5) belongs to the lower row, since every row
// but the first is named by its lower end.
func DiscriminationBand(d float64) Band {
	switch {
	case d >= 50:
		return VeryGoodDiscrimination
	case d >= 30:
		return AdequateDiscrimination
	case d >= 20:
		return WeakDiscrimination
	case d >= 0:
		return VeryWeakDiscrimination
	default:
		return InvalidDiscrimination
	}
}
