package itemstats

// responses is the response (distractor) analysis of one choice item over
// the attempts presented it: how many chose each option, their share, and
// the mean total mark of those who chose it — a distractor that attracts
// stronger candidates than the key points at a miskeyed or ambiguous item.
func responses(it Item, j int, attempts []Attempt, totals []float64) ([]OptionStats, OptionStats) {
	if len(it.Options) == 0 {
		return nil, OptionStats{}
	}
	index := make(map[string]int, len(it.Options))
	for k, key := range it.Options {
		index[key] = k
	}
	counts := make([]int, len(it.Options))
	sums := make([]float64, len(it.Options))
	var n, none int
	var noneSum float64
	for i, a := range attempts {
		if !a.presented(j) {
			continue
		}
		n++
		var chosen []string
		if a.Choices != nil {
			chosen = a.Choices[j]
		}
		if len(chosen) == 0 {
			none++
			noneSum += totals[i]
		}
		for _, key := range chosen {
			counts[index[key]]++
			sums[index[key]] += totals[i]
		}
	}
	opts := make([]OptionStats, len(it.Options))
	for k, key := range it.Options {
		opts[k] = optionStats(key, counts[k], sums[k], n)
	}
	return opts, optionStats("", none, noneSum, n)
}

func optionStats(key string, count int, sumTotals float64, n int) OptionStats {
	o := OptionStats{Key: key, Count: count}
	if n > 0 {
		o.Share = Defined(100 * float64(count) / float64(n))
	}
	if count > 0 {
		o.MeanTotal = Defined(sumTotals / float64(count))
	}
	return o
}
