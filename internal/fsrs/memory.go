package fsrs

import "math"

// Limits of the memory model, as in ts-fsrs.
const (
	sMin          = 0.001 // S_MIN: stability never drops below this
	sMax          = 36500 // S_MAX: nor rises above this (100 years)
	initSMax      = 100   // INIT_S_MAX: upper bound of w0..w3
	w17w18Ceiling = 2     // upper bound of w17 and w18
)

// model is the FSRS-6 memory model for one weight set: the formulas alone,
// free of cards, dates and learning steps. ts-fsrs rounds most results to
// 8 decimals; so does model, at the same places, so that intervals (which
// round S·modifier to whole days) agree exactly.
type model struct {
	w [21]float64
	// decay is the forgetting curve's exponent, -w20 (trainable in FSRS-6,
	// fixed at -0.5 in FSRS-5).
	decay float64
	// factor makes R(t=S) = 0.9 for any decay: 0.9^(1/decay) - 1.
	factor float64
}

func newModel(w [21]float64) model {
	decay := -w[20]
	return model{w: w, decay: decay, factor: round8(math.Exp(math.Log(0.9)/decay) - 1)}
}

// retrievability is the forgetting curve R(t, S) = (1 + factor·t/S)^decay:
// the probability of recall t days after a review that left stability S.
func (m model) retrievability(t int, s float64) float64 {
	return round8(math.Pow(1+m.factor*float64(t)/s, m.decay))
}

// intervalModifier solves the forgetting curve for R = desired retention:
// I(r, S) = S · (r^(1/decay) - 1) / factor, returned without the S.
func (m model) intervalModifier(retention float64) float64 {
	return round8((math.Pow(retention, 1/m.decay) - 1) / m.factor)
}

// initStability is S0(G) = w[G-1], floored at 0.1 day.
func (m model) initStability(g Rating) float64 {
	return max(m.w[g-1], 0.1)
}

// initDifficulty is D0(G) = w4 - e^(w5·(G-1)) + 1, unclamped: the mean
// reversion target D0(Easy) is used unclamped and may be below 1.
func (m model) initDifficulty(g Rating) float64 {
	return round8(m.w[4] - math.Exp(float64(g-1)*m.w[5]) + 1)
}

// nextDifficulty is D' = w7·D0(Easy) + (1-w7)·(D + ΔD·(10-D)/9), with
// ΔD = -w6·(G-3), clamped to [1, 10]. The linear damping (10-D)/9 slows
// growth near the top; the mean reversion to D0(Easy) keeps D from
// sticking at 10 after a run of lapses.
func (m model) nextDifficulty(d float64, g Rating) float64 {
	delta := -m.w[6] * float64(g-3)
	next := d + round8(delta*(10-d)/9)
	reverted := round8(m.w[7]*m.initDifficulty(Easy) + (1-m.w[7])*next)
	return clamp(reverted, 1, 10)
}

// recallStability is S'r = S·(1 + e^w8·(11-D)·S^-w9·(e^(w10·(1-R))-1)·hard·easy),
// with hard = w15 for Hard and easy = w16 for Easy: harder cards, higher
// stability and higher retrievability all make a success count for less.
func (m model) recallStability(d, s, r float64, g Rating) float64 {
	hard, easy := 1.0, 1.0
	if g == Hard {
		hard = m.w[15]
	}
	if g == Easy {
		easy = m.w[16]
	}
	w := m.w
	inc := math.Exp(w[8]) * (11 - d) * math.Pow(s, -w[9]) * (math.Exp((1-r)*w[10]) - 1) * hard * easy
	return round8(clamp(s*(1+inc), sMin, sMax))
}

// forgetStability is the post-lapse stability
// S'f = w11·D^-w12·((S+1)^w13 - 1)·e^(w14·(1-R)).
func (m model) forgetStability(d, s, r float64) float64 {
	w := m.w
	v := w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp((1-r)*w[14])
	return round8(clamp(v, sMin, sMax))
}

// shortTermStability is the same-day update of FSRS-6:
// S' = S·SInc with SInc = S^-w19·e^(w17·(G-3+w18)). A success (Hard or
// better) never lowers stability, so SInc is floored at 1 for it; the
// S^-w19 term makes same-day reviews help less the more stable a card is.
func (m model) shortTermStability(s float64, g Rating) float64 {
	w := m.w
	sinc := math.Pow(s, -w[19]) * math.Exp(w[17]*(float64(g-3)+w[18]))
	if g >= Hard {
		sinc = max(sinc, 1)
	}
	return round8(clamp(s*sinc, sMin, sMax))
}

// memory is a card's memory state: difficulty and stability.
type memory struct{ d, s float64 }

// isNew reports the empty memory state of a card never reviewed.
func (mem memory) isNew() bool { return mem.d == 0 && mem.s == 0 }

// next is the memory state after rating g, t calendar days after the last
// review (ts-fsrs next_state with short-term scheduling on).
func (m model) next(mem memory, t int, g Rating) memory {
	if mem.isNew() {
		return memory{d: clamp(m.initDifficulty(g), 1, 10), s: m.initStability(g)}
	}
	var s float64
	switch {
	case t == 0:
		s = m.shortTermStability(mem.s, g)
	case g == Again:
		// A same-day Good on the relearning step multiplies stability by
		// about e^(w17·w18); capping the post-lapse stability at
		// S/e^(w17·w18) keeps lapse plus relearning from ending above the
		// stability the card had before it lapsed.
		ceiling := max(round8(mem.s/math.Exp(m.w[17]*m.w[18])), sMin)
		s = min(ceiling, m.forgetStability(mem.d, mem.s, m.retrievability(t, mem.s)))
	default:
		s = m.recallStability(mem.d, mem.s, m.retrievability(t, mem.s), g)
	}
	return memory{d: m.nextDifficulty(mem.d, g), s: s}
}

func clamp(v, lo, hi float64) float64 { return min(max(v, lo), hi) }

// round8 is ts-fsrs roundTo(x, 8).
func round8(x float64) float64 { return jsRound(x*1e8) / 1e8 }

// jsRound is JavaScript's Math.round: halves go up (toward +∞), where Go's
// math.Round takes them away from zero. It differs only for negative halves,
// but matching it keeps every intermediate identical to ts-fsrs.
func jsRound(x float64) float64 {
	f := math.Floor(x)
	if x-f >= 0.5 {
		return f + 1
	}
	return f
}
