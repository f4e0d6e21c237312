package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// benchChild is a server process started by a benchmark. Servers run in
// their own process so that their memory and CPU can be read apart from the
// load generator's, exactly as an operator would see them.
type benchChild struct {
	name    string
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:port
	logPath string
	done    chan struct{} // closed when the process has exited
	waitErr error         // exit status; valid once done is closed
}

// startBenchChild runs this binary with args plus --addr on a free loopback
// port, and returns once readyPath answers 200, with the time from exec to
// that first 200.
func startBenchChild(ctx context.Context, name, logPath, readyPath string, args ...string) (*benchChild, time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, fmt.Errorf("find own binary: %w", err)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, 0, err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, 0, fmt.Errorf("create %s log: %w", name, err)
	}
	defer logFile.Close() // the child keeps its own descriptor
	cmd := exec.Command(exe, append(args, "--addr", addr)...)
	cmd.Stdout, cmd.Stderr, cmd.Env = logFile, logFile, benchChildEnv()
	ch := &benchChild{name: name, cmd: cmd, base: "http://" + addr, logPath: logPath, done: make(chan struct{})}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("start %s: %w", name, err)
	}
	go func() { ch.waitErr = cmd.Wait(); close(ch.done) }()
	if err := ch.waitReady(ctx, readyPath, 60*time.Second); err != nil {
		ch.stop()
		return nil, 0, err
	}
	return ch, time.Since(start), nil
}

// benchChildEnv is this process's environment without SHOPDOJO_ settings,
// so that the child is configured by its flags alone and cannot, say, put
// files in a real S3 bucket or listen where SHOPDOJO_ADDR says.
func benchChildEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SHOPDOJO_") {
			env = append(env, kv)
		}
	}
	return env
}

// freeLoopbackAddr asks the kernel for a free port. Another process could
// take it before the child binds it; on a benchmark machine that is rare
// enough, and the child then fails loudly rather than measuring the wrong thing.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// waitReady polls path every 2 ms, so start-up time is known to within a
// few milliseconds, and gives up early if the process dies.
func (ch *benchChild) waitReady(ctx context.Context, path string, limit time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, ch.base+path, nil)
		if err != nil {
			return fmt.Errorf("ready request: %w", err)
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ch.done:
			return fmt.Errorf("%s exited before ready (%v):\n%s", ch.name, ch.waitErr, ch.logTail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ready after %s:\n%s", ch.name, limit, ch.logTail())
}

// stop asks for a graceful shutdown (serve signs an audit checkpoint then)
// and kills the process if it does not exit in time.
func (ch *benchChild) stop() {
	_ = ch.cmd.Process.Signal(os.Interrupt)
	select {
	case <-ch.done:
	case <-time.After(20 * time.Second):
		_ = ch.cmd.Process.Kill()
		<-ch.done
	}
}

// kill ends the process at once (SIGKILL), as a crash or the OOM killer
// would: no shutdown, no flush.
func (ch *benchChild) kill() {
	_ = ch.cmd.Process.Kill()
	<-ch.done
}

// logTail returns the last lines the child wrote, for error messages.
func (ch *benchChild) logTail() string {
	b, err := os.ReadFile(ch.logPath)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

func (ch *benchChild) pid() int { return ch.cmd.Process.Pid }

// procMem is a process's resident memory from /proc/<pid>/status, in
// bytes. err says why it could not be read (no /proc outside Linux): the
// rest of the benchmark is still worth printing then.
type procMem struct {
	rss, peak int64 // VmRSS and VmHWM (high-water mark)
	err       error
}

func readProcMem(pid int) procMem {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return procMem{err: fmt.Errorf("read memory of pid %d: %w", pid, err)}
	}
	var m procMem
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return procMem{err: fmt.Errorf("parse %s of pid %d: %w", k, pid, err)}
		}
		if k == "VmRSS" {
			m.rss = kb << 10
		} else {
			m.peak = kb << 10
		}
	}
	if m.rss == 0 {
		m.err = fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return m
}

// mb formats a size in MiB, or n/a when it could not be read.
func (m procMem) mb(size int64) string {
	if m.err != nil {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MB", float64(size)/(1<<20))
}

// clockTick is USER_HZ, the unit of /proc/<pid>/stat CPU times; it is 100
// on every Linux build that Go supports, and reading it needs cgo.
const clockTick = 10 * time.Millisecond

// readProcCPU returns the user+system CPU time a process has used, from
// /proc/<pid>/stat (pid 0 means this process).
func readProcCPU(pid int) (time.Duration, error) {
	p := "/proc/self/stat"
	if pid != 0 {
		p = fmt.Sprintf("/proc/%d/stat", pid)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return 0, fmt.Errorf("read cpu time: %w", err)
	}
	// The command name in parentheses may hold spaces; fields count from after it.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("parse %s: no command name", p)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("parse %s: %d fields", p, len(f))
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("parse %s: %w", p, err)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// readSystemCPU returns the busy and total CPU time of the whole machine
// from /proc/stat, to tell how much other processes took during a run.
// Interrupt time is left out of busy: on loopback it is mostly the
// kernel carrying the benchmark's own packets, charged to no process.
func readSystemCPU() (busy, total time.Duration, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, fmt.Errorf("read system cpu time: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, errors.New("parse /proc/stat: no cpu line")
	}
	var t [8]int64 // user nice system idle iowait irq softirq steal
	for i := range t {
		if t[i], err = strconv.ParseInt(f[i+1], 10, 64); err != nil {
			return 0, 0, fmt.Errorf("parse /proc/stat: %w", err)
		}
	}
	busy = time.Duration(t[0]+t[1]+t[2]+t[7]) * clockTick
	return busy, time.Duration(t[0]+t[1]+t[2]+t[3]+t[4]+t[5]+t[6]+t[7]) * clockTick, nil
}

// cpuSnapshot is the CPU time used so far by the server, this process and
// the whole machine.
type cpuSnapshot struct {
	server, client, busy, total time.Duration
	err                         error
}

func takeCPU(serverPid int) cpuSnapshot {
	var c cpuSnapshot
	var e1, e2, e3 error
	c.server, e1 = readProcCPU(serverPid)
	c.client, e2 = readProcCPU(0)
	c.busy, c.total, e3 = readSystemCPU()
	c.err = errors.Join(e1, e2, e3)
	return c
}
