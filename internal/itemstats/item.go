package itemstats

import "math"

// column is one item's marks over the attempts that were presented it,
// with those attempts' totals. The rest of the test is total − mark
// (Moodle's "other marks" for a question in a fixed position).
type column struct {
	marks, totals []float64
}

func itemColumn(j int, attempts []Attempt, totals []float64) column {
	var c column
	for i, a := range attempts {
		if a.presented(j) {
			c.marks = append(c.marks, a.Scores[j])
			c.totals = append(c.totals, totals[i])
		}
	}
	return c
}

func (c column) rest() []float64 {
	r := make([]float64, len(c.marks))
	for i := range r {
		r[i] = c.totals[i] - c.marks[i]
	}
	return r
}

// itemMoments are the second-order sums of Moodle's
// secondary_question_walker, each divided by s − 1. ok is false below two
// attempts, where Moodle stores null for all of them.
type itemMoments struct {
	ok         bool
	markVar    float64 // V(x): markvariance
	restVar    float64 // V(X−x): othermarkvariance
	cov        float64 // C(x, X−x): covariance
	covMax     float64 // covariancemax: sorted marks against sorted rest marks
	covOverall float64 // C(x, X): covariancewithoverallmark, for the effective weight
}

func (c column) moments() itemMoments {
	n := len(c.marks)
	if n < 2 {
		return itemMoments{}
	}
	rest := c.rest()
	dx, dr, dt := deviations(c.marks), deviations(rest), deviations(c.totals)
	df := float64(n - 1)
	return itemMoments{
		ok:         true,
		markVar:    sumProducts(dx, dx) / df,
		restVar:    sumProducts(dr, dr) / df,
		cov:        sumProducts(dx, dr) / df,
		covMax:     sumProducts(sortedDeviations(c.marks), sortedDeviations(rest)) / df,
		covOverall: sumProducts(dx, dt) / df,
	}
}

// itemStatistics fills everything but the effective weight, the response
// analysis and the flags, which need every item or the raw choices.
func itemStatistics(it Item, c column, m itemMoments, maxTotal float64) ItemStats {
	s := ItemStats{ID: it.ID, N: len(c.marks)}
	if it.GuessScore.Defined {
		s.GuessScore = Defined(100 * it.GuessScore.Value)
	}
	if maxTotal > 0 {
		// Intended weight: the item's maximum mark as a share of the paper's.
		s.IntendedWeight = Defined(100 * it.Max / maxTotal)
	}
	if s.N == 0 {
		return s
	}
	avg := mean(c.marks)
	s.Mean = Defined(avg)
	if it.Max > 0 {
		// Facility index F = 100·x̄/max (initial_question_walker).
		s.Facility = Defined(100 * avg / it.Max)
	}
	if !m.ok {
		return s
	}
	if it.Max > 0 {
		// Standard deviation, shown as a percentage of the item's max (col_sd).
		s.SD = Defined(100 * math.Sqrt(m.markVar) / it.Max)
	}
	s.Discrimination = discrimination(m)
	s.DiscriminativeEfficiency = discriminativeEfficiency(m)
	s.NegativeCovariance = m.covOverall < 0
	return s
}

// discrimination is Moodle's discrimination index: the product-moment
// correlation 100·C(x, X−x)/√(V(x)·V(X−x)), undefined when either
// variance is zero.
func discrimination(m itemMoments) Stat {
	if m.markVar*m.restVar == 0 {
		return Stat{}
	}
	return Defined(100 * m.cov / math.Sqrt(m.markVar*m.restVar))
}

// discriminativeEfficiency is Moodle's 100·C(x, X−x)/C_max(x, X−x), where
// C_max pairs the sorted marks with the sorted rest-of-test marks: the
// largest covariance the two distributions allow. Undefined when C_max
// is zero.
func discriminativeEfficiency(m itemMoments) Stat {
	if m.covMax == 0 {
		return Stat{}
	}
	return Defined(100 * m.cov / m.covMax)
}

// effectiveWeights applies Moodle's effective weight,
// 100·√C(xᵢ, X) / Σⱼ √C(xⱼ, X), summing over the items whose covariance
// with the total is not negative. An item with a negative covariance gets
// no weight (Moodle shows "negcovar"); so does an item presented to fewer
// than two attempts, which Moodle would show as 0%.
func effectiveWeights(stats []ItemStats, moms []itemMoments) {
	var sum float64
	for _, m := range moms {
		if m.ok && m.covOverall >= 0 {
			sum += math.Sqrt(m.covOverall)
		}
	}
	if sum == 0 {
		return
	}
	for j, m := range moms {
		if m.ok && m.covOverall >= 0 {
			stats[j].EffectiveWeight = Defined(100 * math.Sqrt(m.covOverall) / sum)
		}
	}
}
