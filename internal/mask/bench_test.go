package mask

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// benchLines is about 4 MB of generated order text, one cell per line.
func benchLines(b *testing.B) ([]string, int64) {
	b.Helper()
	var lines []string
	var n int64
	for seed := uint64(1); n < 4<<20; seed++ {
		for _, l := range generate(seed, 2000) {
			lines = append(lines, l.text)
			n += int64(len(l.text))
		}
	}
	return lines, n
}

// BenchmarkText masks the generated text line by line and, in the same
// run, measures a bare limit that only validates UTF-8 and copies each
// line; it reports MB/s of both and their ratio (make bench prints it).
func BenchmarkText(b *testing.B) {
	lines, n := benchLines(b)
	m := testMasker(b)
	bare := bareMBps(lines, n)
	b.SetBytes(n)
	b.ResetTimer()
	for range b.N {
		for _, l := range lines {
			m.Text(l)
		}
	}
	b.StopTimer()
	mbps := float64(n) * float64(b.N) / b.Elapsed().Seconds() / 1e6
	b.ReportMetric(mbps, "MB/s_mask")
	b.ReportMetric(bare, "MB/s_bare")
	b.ReportMetric(bare/mbps, "bare/mask")
}

// bareMBps is the throughput of the least a masker must do: read every
// byte once and write a copy. It is timed by hand over a few passes, as
// testing.Benchmark cannot run inside a benchmark.
func bareMBps(lines []string, n int64) float64 {
	var sb strings.Builder
	start := time.Now()
	passes := 0
	for ; passes < 3 || time.Since(start) < 200*time.Millisecond; passes++ {
		for _, l := range lines {
			if utf8.ValidString(l) {
				sb.Reset()
				sb.WriteString(l)
			}
		}
	}
	return float64(n) * float64(passes) / time.Since(start).Seconds() / 1e6
}
