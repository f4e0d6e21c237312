package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressBar draws a long job's progress on the terminal: a bar that
// redraws in place on a terminal, and a line every few seconds when the
// output is a file or a pipe (so CI logs stay readable).
type progressBar struct {
	mu       sync.Mutex
	w        io.Writer
	tty      bool
	label    string
	total    int64 // bytes expected; 0 when unknown
	start    time.Time
	last     time.Time
	every    time.Duration
	now      func() time.Time
	finished bool
}

func newProgressBar(w io.Writer, tty bool, label string, total int64, now func() time.Time) *progressBar {
	t := now()
	every := 5 * time.Second
	if tty {
		every = 100 * time.Millisecond
	}
	return &progressBar{w: w, tty: tty, label: label, total: total, start: t, last: t, now: now, every: every}
}

// update shows done bytes of total and rows read so far, at most once per
// interval unless force.
func (p *progressBar) update(done, rows int64, force bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if p.finished || !force && t.Sub(p.last) < p.every {
		return
	}
	p.last = t
	line := p.line(done, rows, t.Sub(p.start))
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// finish draws the final state and ends the bar's line.
func (p *progressBar) finish(done, rows int64) {
	p.update(done, rows, true)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && !p.finished {
		fmt.Fprintln(p.w)
	}
	p.finished = true
}

func (p *progressBar) line(done, rows int64, took time.Duration) string {
	var b strings.Builder
	b.WriteString(p.label + " ")
	if p.total > 0 {
		frac := min(1, float64(done)/float64(p.total))
		const width = 28
		n := int(frac * width)
		b.WriteString("[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "] ")
		fmt.Fprintf(&b, "%3.0f%% %s/%s", frac*100, byteSize(done), byteSize(p.total))
	} else {
		b.WriteString(byteSize(done))
	}
	fmt.Fprintf(&b, " · %d rows · %s", rows, took.Round(100*time.Millisecond))
	if s := took.Seconds(); s > 0 {
		fmt.Fprintf(&b, " · %.0f rows/s", float64(rows)/s)
	}
	return b.String()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
