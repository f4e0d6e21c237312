package itemstats

import "math"

// testStatistics fills the test-level figures the way Moodle's
// quiz_statistics\calculator::calculate does, including its conditions:
// SD from two attempts, skewness and CIC from three, kurtosis from four,
// and none of the last three when the totals do not vary.
func testStatistics(r *Report, totals []float64, moms []itemMoments) {
	s := len(totals)
	if s == 0 {
		return
	}
	r.Mean = Defined(mean(totals))
	r.Median = Defined(median(totals))
	if s < 2 {
		return
	}
	d := deviations(totals)
	power2 := sumPowers(d, 2)
	r.SD = Defined(math.Sqrt(power2 / float64(s-1)))
	if s < 3 || power2 == 0 {
		return
	}
	n := float64(s)
	m2, m3, m4 := power2/n, sumPowers(d, 3)/n, sumPowers(d, 4)/n
	// k-statistics, as in "Quiz item analysis calculations in practise":
	// k2 is the sample variance V(T).
	k2 := n * m2 / (n - 1)
	k3 := n * n * m3 / ((n - 1) * (n - 2))
	r.Skewness = Defined(k3 / math.Pow(k2, 1.5))
	if s > 3 {
		k4 := n * n * ((n+1)*m4 - 3*(n-1)*m2*m2) / ((n - 1) * (n - 2) * (n - 3))
		r.Kurtosis = Defined(k4 / (k2 * k2))
	}
	consistency(r, k2, moms)
}

// consistency sets the coefficient of internal consistency
// CIC = 100·p/(p−1)·(1 − Σ V(xᵢ)/V(T)), the error ratio
// ER = 100·√(1 − CIC/100) and the standard error SE = ER/100·SD.
// p counts the items with a variance, i.e. presented to two attempts or
// more; on a fixed paper that is every item, Moodle's number of slots.
func consistency(r *Report, k2 float64, moms []itemMoments) {
	p, sumVar := 0, 0.0
	for _, m := range moms {
		if m.ok {
			p++
			sumVar += m.markVar
		}
	}
	if p < 2 {
		return
	}
	fp := float64(p)
	r.Alpha = Defined(100 * fp / (fp - 1) * (1 - sumVar/k2))
	// On a fixed paper CIC cannot exceed 100; with blueprint papers the item
	// variances come from different attempts and it might, and then the
	// error ratio has no real value.
	if left := 1 - r.Alpha.Value/100; left >= 0 {
		r.ErrorRatio = Defined(100 * math.Sqrt(left))
		r.StandardError = Defined(r.ErrorRatio.Value / 100 * r.SD.Value)
	}
}

// kr20 is Kuder–Richardson formula 20, 100·k/(k−1)·(1 − Σ mᵢ²pᵢqᵢ/σ²),
// with pᵢ the share of full marks, mᵢ the item's Max (1 in the textbook
// formula; kept so that items worth 2 marks stay consistent with alpha)
// and σ² the population variance of totals. It is the formula for
// complete, right-or-wrong data only, so it is undefined otherwise; there
// it equals Cronbach's alpha, because both variances carry the same
// (n−1)/n correction. The caller has checked that alpha is defined.
func kr20(items []Item, attempts []Attempt, totals []float64) Stat {
	n := float64(len(attempts))
	var sumPQ float64
	for j, it := range items {
		right, ok := fullMarks(j, it, attempts)
		if !ok {
			return Stat{}
		}
		p := float64(right) / n
		sumPQ += it.Max * it.Max * p * (1 - p)
	}
	d := deviations(totals)
	variance := sumProducts(d, d) / n
	k := float64(len(items))
	return Defined(100 * k / (k - 1) * (1 - sumPQ/variance))
}

// fullMarks counts attempts with full marks on item j; ok is false when
// the item is not dichotomous (a mark other than 0 or Max) or some attempt
// was not presented it.
func fullMarks(j int, it Item, attempts []Attempt) (right int, ok bool) {
	if it.Max <= 0 {
		return 0, false
	}
	for _, a := range attempts {
		if !a.presented(j) {
			return 0, false
		}
		switch a.Scores[j] {
		case it.Max:
			right++
		case 0:
		default:
			return 0, false
		}
	}
	return right, true
}
