package itemstats

import (
	"math"
	"slices"
)

// mean of a non-empty slice.
func mean(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// deviations returns xᵢ − mean. A constant slice gives exact zeros rather
// than rounding noise, so its variance is exactly 0 and a correlation
// with it stays undefined, as Moodle's `if ($variance)` tests intend.
func deviations(xs []float64) []float64 {
	d := make([]float64, len(xs))
	if len(xs) == 0 || slices.Min(xs) == slices.Max(xs) {
		return d
	}
	m := mean(xs)
	for i, x := range xs {
		d[i] = x - m
	}
	return d
}

// sumProducts is Σ aᵢ·bᵢ.
func sumProducts(a, b []float64) float64 {
	var sum float64
	for i := range a {
		sum += a[i] * b[i]
	}
	return sum
}

// sumPowers is Σ dᵢᵏ, for the central moments of the totals.
func sumPowers(d []float64, k float64) float64 {
	var sum float64
	for _, x := range d {
		sum += math.Pow(x, k)
	}
	return sum
}

// median of a non-empty slice: the middle value, or the mean of the two
// middle values for an even count (Moodle's calculator::median).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// sortedDeviations sorts a copy of xs and subtracts its mean: Moodle's
// markarray and othermarksarray after sort(), for the covariance maximum.
func sortedDeviations(xs []float64) []float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return deviations(s)
}
