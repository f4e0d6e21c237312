package kpi

import (
	"math"
	"slices"
)

// Factors are the three factors of 销售额 = 访客数 × 支付转化率 × 客单价.
type Factors struct {
	Visitors, Conversion, AOV float64 // AOV in fen
}

// GMV is the product of the factors, in fen.
func (f Factors) GMV() float64 { return f.Visitors * f.Conversion * f.AOV }

func (f Factors) slice() [3]float64 { return [3]float64{f.Visitors, f.Conversion, f.AOV} }

// Decomposition splits a GMV change into the parts due to each factor;
// the parts sum to Delta.
type Decomposition struct {
	Before, After, Delta      float64 // fen
	Visitors, Conversion, AOV float64 // fen
}

// Decompose is the additive LMDI-I decomposition (Ang 2004): part i =
// L(GMV₁, GMV₀) · ln(xᵢ₁ / xᵢ₀) with L the logarithmic mean, which sums to
// GMV₁ − GMV₀ exactly because the logs of the factors sum to the log of
// GMV. Negative inputs are read as 0. When a factor is 0 in one period the
// logs are undefined; the parts are then the limit of LMDI as that zero
// tends to 0 (the "small value" strategy of Ang & Choi): the whole change
// goes to the factors that are zero, shared equally among them.
func Decompose(before, after Factors) Decomposition {
	b, a := clampFactors(before).slice(), clampFactors(after).slice()
	v0, v1 := b[0]*b[1]*b[2], a[0]*a[1]*a[2]
	d := Decomposition{Before: v0, After: v1, Delta: v1 - v0}
	var parts [3]float64
	if v0 > 0 && v1 > 0 {
		l := logMean(v1, v0)
		for i := range parts {
			parts[i] = l * math.Log(a[i]/b[i])
		}
	} else {
		var zeros []int
		for i := range parts {
			if (b[i] == 0) != (a[i] == 0) {
				zeros = append(zeros, i)
			}
		}
		for _, i := range zeros {
			parts[i] = d.Delta / float64(len(zeros))
		}
	}
	d.Visitors, d.Conversion, d.AOV = parts[0], parts[1], parts[2]
	return d
}

func clampFactors(f Factors) Factors {
	c := func(x float64) float64 {
		if x < 0 || math.IsNaN(x) {
			return 0
		}
		return x
	}
	return Factors{c(f.Visitors), c(f.Conversion), c(f.AOV)}
}

// logMean is the logarithmic mean L(x, y) = (x − y) / (ln x − ln y), x for
// x = y.
func logMean(x, y float64) float64 {
	if x == y {
		return x
	}
	return (x - y) / (math.Log(x) - math.Log(y))
}

// Fen rounds the parts to whole fen so that they sum exactly to the
// rounded After minus the rounded Before (largest remainders get the
// leftover fen).
func (d Decomposition) Fen() (visitors, conversion, aov int64) {
	parts := []float64{d.Visitors, d.Conversion, d.AOV}
	total := int64(math.Round(d.After)) - int64(math.Round(d.Before))
	out := make([]int64, 3)
	var sum int64
	for i, p := range parts {
		out[i] = int64(math.Floor(p))
		sum += out[i]
	}
	order := []int{0, 1, 2}
	frac := func(i int) float64 { return parts[i] - math.Floor(parts[i]) }
	slices.SortStableFunc(order, func(x, y int) int { return -cmpFloat(frac(x), frac(y)) })
	for k := 0; sum < total; k++ {
		out[order[k%3]]++
		sum++
	}
	for k := 2; sum > total; k-- {
		out[order[(k%3+3)%3]]--
		sum--
	}
	return out[0], out[1], out[2]
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FactorsOf reads the factors from a group's metrics. Without buyer ids it
// falls back to orders (支付转化率 by orders × 笔单价), which keeps the
// identity, and says so with perOrder.
func FactorsOf(g Group) (f Factors, perOrder, ok bool) {
	vis, ok1 := g.Metric(Visitors)
	conv, ok2 := g.Metric(PayConversion)
	aov, ok3 := g.Metric(AOV)
	if ok1 && ok2 && ok3 && vis.OK && conv.OK && aov.OK && conv.Den > 0 && aov.Den > 0 {
		// Conversion here is the AOV's own buyers over the visitors, so
		// the product is exactly the GMV: over several days the reported
		// 支付买家数 rows add up daily buyers, while AOV's buyers (from the
		// orders) are distinct over the period, and mixing the two would
		// not multiply back to the GMV.
		return Factors{conv.Den, aov.Den / conv.Den, aov.Value}, false, true
	}
	orders, ok4 := g.Metric(PaidOrders)
	gmv, ok5 := g.Metric(GMV)
	if !ok1 || !vis.OK || vis.Value == 0 || !ok4 || !orders.OK || !ok5 || !gmv.OK {
		return Factors{}, false, false
	}
	f = Factors{Visitors: vis.Value, Conversion: orders.Value / vis.Value}
	if orders.Value > 0 {
		f.AOV = gmv.Value / orders.Value
	}
	return f, true, true
}
