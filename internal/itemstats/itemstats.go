// Package itemstats computes the item analysis of an exam the way
// Moodle's quiz statistics report does: test statistics (mean, median,
// standard deviation, skewness, kurtosis, coefficient of internal
// consistency, error ratio, standard error), per-item statistics
// (facility, standard deviation, random guess score, intended and
// effective weight, discrimination index, discriminative efficiency), a
// response analysis per option, KR-20, and review flags. It is a pure
// engine: attempts in, report out, no storage.
//
// The formulas follow docs.moodle.org/dev/Quiz_statistics_calculations as
// implemented in Moodle's mod/quiz/report/statistics/classes/calculator.php
// (test statistics) and question/classes/statistics/questions/calculator.php
// (item statistics); each function names the statistic it reproduces.
//
// Blueprint exams, where papers draw different items, are handled by
// computing each item's figures over the attempts that were presented it,
// with the rest of the test taken from those same attempts. Moodle's
// per-slot figures for random questions come out of the same code when the
// caller passes slots, not questions, as items.
//
// Undefined statistics are Stat values with Defined false, never NaN.
package itemstats

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrInvalid is wrapped by every error Compute returns: the input, not the
// data, is at fault, so callers can map it to their "invalid" kind.
var ErrInvalid = errors.New("itemstats: invalid input")

// Item is one question (Moodle: one slot) of the exam.
type Item struct {
	ID  string
	Max float64 // the item's maximum mark; 0 leaves facility and SD undefined, as in Moodle
	// Options are the option keys whose choices the response analysis
	// counts; empty for items that are not choice questions.
	Options []string
	// GuessScore is the fraction of Max that random guessing earns (Moodle's
	// question_type::get_random_guess_score), undefined when not
	// applicable. See SingleChoiceGuess, MultiResponseGuess, TrueFalseGuess.
	GuessScore Stat
}

// Attempt is one learner's attempt, already chosen by the caller or by
// Select (Moodle reports on first, last, highest or all attempts).
type Attempt struct {
	Learner string // used by Select only
	Number  int    // the learner's attempt number, 1 for the first; used by Select only
	// Scores holds the mark earned on each item, in the order of the items.
	// Negative marks (penalties) are allowed: Moodle's formulas do not
	// assume a minimum of zero.
	Scores []float64
	// Presented says which items this attempt's paper contained, for
	// blueprint exams that draw different items per attempt. Nil means
	// every item was presented. The score and choices of an item that was
	// not presented are ignored (they may hold anything, NaN included).
	Presented []bool
	// Choices holds, per item, the option keys chosen; nil or empty means
	// no response. Nil for the whole attempt means no choices recorded.
	Choices [][]string
}

// presented reports whether item j was on this attempt's paper.
func (a Attempt) presented(j int) bool {
	return a.Presented == nil || a.Presented[j]
}

// Report is the quiz statistics report for one set of attempts. Marks
// (Mean, Median, SD, StandardError, OptionStats.MeanTotal) are in raw
// marks; Percent converts them the way Moodle displays them. Alpha, KR20,
// ErrorRatio and every item figure named as a percentage are already
// percentages.
type Report struct {
	Attempts int
	// MaxTotal is the mean over attempts of the maximum mark of the items
	// presented: the quiz's maximum mark when every paper has the same
	// marks. With no attempts it is the sum of all items' Max.
	MaxTotal float64
	Mean     Stat // defined for at least one attempt
	Median   Stat // defined for at least one attempt
	SD       Stat // sample standard deviation of totals (n−1); at least two attempts
	Skewness Stat // Moodle's k3/k2^1.5; at least three attempts and non-zero variance
	Kurtosis Stat // Moodle's k4/k2² (excess kurtosis); at least four attempts and non-zero variance
	// Alpha is Moodle's coefficient of internal consistency (CIC, Cronbach's
	// alpha) as a percentage. Moodle computes it only with at least three
	// attempts, non-zero variance of totals and at least two items; so does
	// this package. Items presented to fewer than two attempts have no
	// variance and are left out of it.
	Alpha Stat
	// KR20 is Kuder–Richardson formula 20 as a percentage: defined when Alpha
	// is, every item is dichotomous (every mark is 0 or Max) and every attempt
	// was presented every item. It then equals Alpha, computed another way.
	KR20          Stat
	ErrorRatio    Stat // ER = 100·√(1 − CIC/100); undefined when CIC is, or above 100
	StandardError Stat // SE = ER/100 · SD, in marks
	Items         []ItemStats
}

// Percent expresses marks as a percentage of MaxTotal, as Moodle shows the
// mean, median, standard deviation and standard error
// (quiz_report_scale_summarks_as_percentage).
func (r Report) Percent(marks Stat) Stat {
	if !marks.Defined || r.MaxTotal == 0 {
		return Stat{}
	}
	return Defined(100 * marks.Value / r.MaxTotal)
}

// ItemStats are one item's statistics, over the attempts that were
// presented the item. Every figure but N and Mean is a percentage, as in
// Moodle's table.
type ItemStats struct {
	ID       string
	N        int  // attempts presented the item (Moodle's s)
	Mean     Stat // mean mark
	Facility Stat // F = 100·mean/Max; needs Max > 0
	SD       Stat // 100·sample SD/Max; needs two attempts and Max > 0
	// GuessScore is Item.GuessScore as a percentage, as Moodle's column shows it.
	GuessScore     Stat
	IntendedWeight Stat // 100·Max/MaxTotal
	// EffectiveWeight is Moodle's 100·√Cov(x,T) / Σ√Cov(xⱼ,T), undefined
	// when the covariance with the total is negative (NegativeCovariance).
	EffectiveWeight    Stat
	NegativeCovariance bool
	// Discrimination is the correlation of the item mark with the mark on
	// the rest of the test; undefined when either does not vary.
	Discrimination Stat
	// DiscriminativeEfficiency is Cov(x, rest) as a share of the largest
	// covariance the two mark distributions allow; undefined when that is 0.
	// It may fall below −100 for a strongly negative item.
	DiscriminativeEfficiency Stat
	Options                  []OptionStats // one per Item.Options key, in that order
	NoResponse               OptionStats   // presented attempts with no choice; Key ""; only for items with options
	Flags                    []Flag
}

// OptionStats is the response analysis of one option (distractor analysis).
type OptionStats struct {
	Key   string
	Count int // attempts that chose the option
	// Share is 100·Count/N. For multiple-response items one attempt may
	// choose several options, so shares may add up to more than 100.
	Share     Stat
	MeanTotal Stat // mean total mark of the attempts that chose it
}

// Compute builds the report for attempts at items. Input that cannot
// describe an exam (mismatched lengths, unknown option keys, non-finite
// marks of presented items) is rejected with an error wrapping ErrInvalid.
// Degenerate data (no attempts, one attempt, constant marks) is not an
// error: the statistics it cannot define are left undefined.
func Compute(items []Item, attempts []Attempt) (Report, error) {
	if err := validate(items, attempts); err != nil {
		return Report{}, err
	}
	totals := attemptTotals(items, attempts)
	r := Report{Attempts: len(attempts), MaxTotal: maxTotal(items, attempts)}
	r.Items = make([]ItemStats, len(items))
	moms := make([]itemMoments, len(items))
	for j, it := range items {
		col := itemColumn(j, attempts, totals)
		moms[j] = col.moments()
		r.Items[j] = itemStatistics(it, col, moms[j], r.MaxTotal)
		r.Items[j].Options, r.Items[j].NoResponse = responses(it, j, attempts, totals)
	}
	effectiveWeights(r.Items, moms)
	for j := range r.Items {
		r.Items[j].Flags = flagsFor(r.Items[j])
	}
	testStatistics(&r, totals, moms)
	if r.Alpha.Defined {
		r.KR20 = kr20(items, attempts, totals)
	}
	return r, nil
}

// attemptTotals sums each attempt's marks over the items it was presented
// (Moodle's sumgrades).
func attemptTotals(items []Item, attempts []Attempt) []float64 {
	totals := make([]float64, len(attempts))
	for i, a := range attempts {
		for j := range items {
			if a.presented(j) {
				totals[i] += a.Scores[j]
			}
		}
	}
	return totals
}

// maxTotal is the mean paper maximum; see Report.MaxTotal.
func maxTotal(items []Item, attempts []Attempt) float64 {
	var sum float64
	if len(attempts) == 0 {
		for _, it := range items {
			sum += it.Max
		}
		return sum
	}
	for _, a := range attempts {
		for j, it := range items {
			if a.presented(j) {
				sum += it.Max
			}
		}
	}
	return sum / float64(len(attempts))
}

func validate(items []Item, attempts []Attempt) error {
	if len(items) == 0 {
		return fmt.Errorf("%w: no items", ErrInvalid)
	}
	seen := make(map[string]bool, len(items))
	for j, it := range items {
		if it.ID == "" || seen[it.ID] {
			return fmt.Errorf("%w: item %d: empty or repeated ID %q", ErrInvalid, j, it.ID)
		}
		seen[it.ID] = true
		if err := validateItem(it); err != nil {
			return fmt.Errorf("%w: item %q: %v", ErrInvalid, it.ID, err)
		}
	}
	for i, a := range attempts {
		if err := validateAttempt(items, a); err != nil {
			return fmt.Errorf("%w: attempt %d: %v", ErrInvalid, i, err)
		}
	}
	return nil
}

func validateItem(it Item) error {
	if math.IsNaN(it.Max) || math.IsInf(it.Max, 0) || it.Max < 0 {
		return fmt.Errorf("max %v is not a finite non-negative mark", it.Max)
	}
	keys := make(map[string]bool, len(it.Options))
	for _, k := range it.Options {
		if k == "" || keys[k] {
			return fmt.Errorf("empty or repeated option key %q", k)
		}
		keys[k] = true
	}
	return nil
}

func validateAttempt(items []Item, a Attempt) error {
	if len(a.Scores) != len(items) {
		return fmt.Errorf("%d scores for %d items", len(a.Scores), len(items))
	}
	if a.Presented != nil && len(a.Presented) != len(items) {
		return fmt.Errorf("%d presented flags for %d items", len(a.Presented), len(items))
	}
	if a.Choices != nil && len(a.Choices) != len(items) {
		return fmt.Errorf("%d choice lists for %d items", len(a.Choices), len(items))
	}
	for j, it := range items {
		if !a.presented(j) {
			continue
		}
		if s := a.Scores[j]; math.IsNaN(s) || math.IsInf(s, 0) {
			return fmt.Errorf("item %q: score %v is not finite", it.ID, s)
		}
		if a.Choices != nil {
			if err := validateChoices(it, a.Choices[j]); err != nil {
				return fmt.Errorf("item %q: %v", it.ID, err)
			}
		}
	}
	return nil
}

// validateChoices rejects keys the item does not offer: a silent "other"
// bucket would hide a mismatch between the bank and the recorded answers.
func validateChoices(it Item, chosen []string) error {
	if len(chosen) > 0 && len(it.Options) == 0 {
		return fmt.Errorf("choices %q for an item without options", chosen)
	}
	picked := make(map[string]bool, len(chosen))
	for _, k := range chosen {
		if picked[k] {
			return fmt.Errorf("option %q chosen twice", k)
		}
		picked[k] = true
		if !slices.Contains(it.Options, k) {
			return fmt.Errorf("unknown option %q", k)
		}
	}
	return nil
}
