package fsrs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Interval fuzz, as ts-fsrs does it: intervals of 3 days or more are moved
// to a uniformly chosen day in a band around them (±15% of the part between
// 2.5 and 7 days, ±10% of 7–20, ±5% beyond, plus one day), so cards
// learned together spread out. The "random" number comes from the Alea
// generator seeded with the review time, review count and memory state, so
// the same review always fuzzes the same way and vectors can check it.
//
// The seed holds D·S to the last digit. V8's Math.pow and Math.exp and Go's
// math package can differ in the last bit, which now and then rounds a
// stability differently at the 8th decimal; from then on the fuzzed day may
// differ from ts-fsrs's (within the same band), while stability, difficulty
// and the unfuzzed intervals still agree.

// fuzzSeed is ts-fsrs DefaultInitSeedStrategy: "<unix ms>_<reps after this
// review>_<D·S before it>", the product printed as JavaScript prints numbers.
func fuzzSeed(now time.Time, c Card) string {
	return fmt.Sprintf("%d_%d_%s", now.UnixMilli(), c.Reps+1, jsNumber(c.Difficulty*c.Stability))
}

// fuzz returns the fuzzed interval for ivl (already capped at maxIvl).
func fuzz(ivl, elapsed, maxIvl int, seed string) int {
	lo, hi := fuzzRange(ivl, elapsed, maxIvl)
	u := newAlea(seed).next()
	return int(math.Floor(u*float64(hi-lo+1) + float64(lo)))
}

// fuzzRange is ts-fsrs get_fuzz_range. The band never reaches below 2 days,
// beyond maxIvl, or (when the card is being pushed out) back to the days
// already elapsed.
func fuzzRange(ivl, elapsed, maxIvl int) (lo, hi int) {
	bands := [3]struct{ start, end, factor float64 }{
		{2.5, 7, 0.15}, {7, 20, 0.1}, {20, math.Inf(1), 0.05},
	}
	x := float64(ivl)
	delta := 1.0
	for _, b := range bands {
		delta += b.factor * max(min(x, b.end)-b.start, 0)
	}
	x = min(x, float64(maxIvl))
	lo = max(2, int(jsRound(x-delta)))
	hi = min(int(jsRound(x+delta)), maxIvl)
	if x > float64(elapsed) {
		lo = max(lo, elapsed+1)
	}
	return min(lo, hi), hi
}

// alea is Johannes Baagøe's Alea generator, the one ts-fsrs uses; its state
// is in float64 exactly as in JavaScript so the sequence is bit-identical.
type alea struct{ c, s0, s1, s2 float64 }

func newAlea(seed string) *alea {
	h := mash{n: 4022871197}
	a := &alea{c: 1, s0: h.sum(" "), s1: h.sum(" "), s2: h.sum(" ")}
	a.s0 = wrapUnit(a.s0 - h.sum(seed))
	a.s1 = wrapUnit(a.s1 - h.sum(seed))
	a.s2 = wrapUnit(a.s2 - h.sum(seed))
	return a
}

func wrapUnit(x float64) float64 {
	if x < 0 {
		return x + 1
	}
	return x
}

// next returns the next number in [0, 1).
func (a *alea) next() float64 {
	t := 2091639*a.s0 + a.c*2.3283064365386963e-10 // 2^-32
	a.s0, a.s1 = a.s1, a.s2
	a.c = float64(int32(t)) // JavaScript t|0; t is within [0, 2091640)
	a.s2 = t - a.c
	return a.s2
}

// mash is Alea's string hash; it keeps state between calls.
type mash struct{ n float64 }

func (m *mash) sum(data string) float64 {
	// JavaScript hashes UTF-16 code units; seeds are ASCII, so bytes match.
	for i := 0; i < len(data); i++ {
		m.n += float64(data[i])
		h := 0.02519603282416938 * m.n
		m.n = toUint32(h)
		h -= m.n
		h *= m.n
		m.n = toUint32(h)
		h -= m.n
		m.n += h * 4294967296 // 2^32
	}
	return toUint32(m.n) * 2.3283064365386963e-10
}

// toUint32 is JavaScript x >>> 0 for the non-negative values mash produces.
func toUint32(x float64) float64 { return float64(uint32(uint64(x))) }

// jsNumber formats x as JavaScript's Number.prototype.toString does: the
// shortest digits that read back as x, in plain notation for
// 1e-6 <= |x| < 1e21 and in exponent notation (1e-7, 1.5e+21) outside.
func jsNumber(x float64) string {
	if x == 0 {
		return "0"
	}
	if a := math.Abs(x); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := strconv.FormatFloat(x, 'e', -1, 64) // e.g. 1.5e-08
	mant, exp, _ := strings.Cut(s, "e")
	sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
	return mant + "e" + sign + digits
}
