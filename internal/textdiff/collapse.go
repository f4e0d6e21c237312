package textdiff

// minHidden is the shortest run worth hiding: a marker that hides a single
// line takes as much room as the line itself.
const minHidden = 2

// Collapse keeps context unchanged rows on each side of every change and
// replaces longer unchanged runs with one Skip row. Runs at the very start or
// end only keep the side facing a change, so identical versions collapse to
// a single Skip row. The input is not modified.
func Collapse(rows []Row, context int) []Row {
	context = max(context, 0)
	out := make([]Row, 0, len(rows))
	for i := 0; i < len(rows); {
		if rows[i].Op != Equal {
			out = append(out, rows[i])
			i++
			continue
		}
		j := i
		for j < len(rows) && rows[j].Op == Equal {
			j++
		}
		head, tail := context, context
		if i == 0 {
			head = 0
		}
		if j == len(rows) {
			tail = 0
		}
		out = appendRun(out, rows[i:j], head, tail)
		i = j
	}
	return out
}

// appendRun appends an unchanged run, keeping head rows at its start and
// tail rows at its end and hiding the rest when there is enough of it.
func appendRun(out, run []Row, head, tail int) []Row {
	hidden := len(run) - head - tail
	if hidden < minHidden {
		return append(out, run...)
	}
	out = append(out, run[:head]...)
	first := run[head]
	out = append(out, Row{Op: Skip, OldNo: first.OldNo, NewNo: first.NewNo, Hidden: hidden})
	return append(out, run[len(run)-tail:]...)
}
