package kpi

// perGroupBuyers counts, from (group, buyer) pairs, each group's distinct
// buyers and those that appear at least twice. It buckets the pairs by
// group (a counting sort) and then walks each group with per-buyer stamps:
// linear in the pairs, where sorting them was most of a dashboard's time.
func perGroupBuyers(pairs []uint64, groups, buyers int, fn func(g int, distinct, twice int64)) {
	offs := make([]int32, groups+1)
	for _, k := range pairs {
		offs[k>>32+1]++
	}
	for g := 1; g <= groups; g++ {
		offs[g] += offs[g-1]
	}
	byGroup := make([]uint32, len(pairs))
	next := append([]int32(nil), offs[:groups]...)
	for _, k := range pairs {
		g := k >> 32
		byGroup[next[g]] = uint32(k)
		next[g]++
	}
	stamp := make([]int32, buyers)
	count := make([]uint8, buyers)
	for g := 0; g < groups; g++ {
		var distinct, twice int64
		for _, b := range byGroup[offs[g]:offs[g+1]] {
			if stamp[b] != int32(g+1) {
				stamp[b], count[b] = int32(g+1), 0
				distinct++
			}
			if count[b] < 2 {
				count[b]++
				if count[b] == 2 {
					twice++
				}
			}
		}
		fn(g, distinct, twice)
	}
}
