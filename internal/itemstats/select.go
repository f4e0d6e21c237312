package itemstats

import "slices"

// Which names the attempts a report covers, as Moodle's report offers
// them. Moodle's guidance is to analyse first attempts: later attempts
// build on the feedback of earlier ones and break the assumptions behind
// item analysis.
type Which int

// The attempt selections.
const (
	AllAttempts     Which = iota // every attempt, each treated as a separate candidate
	FirstAttempts                // each learner's lowest-numbered attempt
	LastAttempts                 // each learner's highest-numbered attempt
	HighestAttempts              // each learner's attempt with the highest total mark; ties go to the earlier attempt
)

// Select returns the attempts a report on which should cover, in their
// input order. Attempts with an empty Learner are anonymous and always
// kept. The input is not modified.
func Select(attempts []Attempt, which Which) []Attempt {
	if which == AllAttempts {
		return slices.Clone(attempts)
	}
	best := make(map[string]int) // learner → index of the chosen attempt
	for i, a := range attempts {
		if a.Learner == "" {
			continue
		}
		j, seen := best[a.Learner]
		if !seen || better(a, attempts[j], which) {
			best[a.Learner] = i
		}
	}
	var out []Attempt
	for i, a := range attempts {
		if a.Learner == "" || best[a.Learner] == i {
			out = append(out, a)
		}
	}
	return out
}

// better reports whether a should replace the attempt chosen so far.
func better(a, chosen Attempt, which Which) bool {
	switch which {
	case FirstAttempts:
		return a.Number < chosen.Number
	case LastAttempts:
		return a.Number > chosen.Number
	default:
		ta, tc := presentedTotal(a), presentedTotal(chosen)
		return ta > tc || (ta == tc && a.Number < chosen.Number)
	}
}

// presentedTotal is the attempt's total mark, before validation: it skips
// items not presented and tolerates a short Presented slice.
func presentedTotal(a Attempt) float64 {
	var sum float64
	for j, s := range a.Scores {
		if a.Presented == nil || (j < len(a.Presented) && a.Presented[j]) {
			sum += s
		}
	}
	return sum
}
