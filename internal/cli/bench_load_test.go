package cli

import (
	"os"
	"runtime"
	"testing"
	"time"
)

func TestLoadResultPercentiles(t *testing.T) {
	var r loadResult
	for i := 1; i <= 200; i++ {
		r.lat = append(r.lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 100 * time.Millisecond, 95: 190 * time.Millisecond,
		99: 198 * time.Millisecond, 100: 200 * time.Millisecond, 0: time.Millisecond} {
		if got := r.pct(p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if got := (loadResult{}).pct(99); got != 0 {
		t.Errorf("p99 of nothing = %v", got)
	}
}

// The /proc readers are checked against this very process.
func TestProcReaders(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux only")
	}
	m := readProcMem(os.Getpid())
	if m.err != nil || m.rss <= 0 || m.peak < m.rss {
		t.Fatalf("readProcMem = %+v", m)
	}
	cpu, err := readProcCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	self, err := readProcCPU(0)
	if err != nil || self < cpu {
		t.Fatalf("readProcCPU(self) = %v, %v; by pid %v", self, err, cpu)
	}
}
