package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds cmd/shopdojo once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "shopdojo")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/shopdojo")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bareEnv is an environment with no Go toolchain paths and an empty,
// non-existent module cache, as on a server that only has the binary.
func bareEnv(t *testing.T) []string {
	home := t.TempDir()
	env := []string{"HOME=" + home, "PATH=/usr/bin:/bin", "GOPATH=" + filepath.Join(home, "nogopath"),
		"GOMODCACHE=" + filepath.Join(home, "nomodcache"), "LANG=C.UTF-8"}
	if pg := os.Getenv("SHOPDOJO_TEST_PG"); pg != "" {
		env = append(env, "SHOPDOJO_TEST_PG="+pg)
	}
	return env
}

func runBin(t *testing.T, bin string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestBinaryWithoutModuleCache runs the built binary the way an operator
// does: version, serve (first start prints the admin password), a graceful
// SIGTERM, audit verify, backup and restore.
func TestBinaryWithoutModuleCache(t *testing.T) {
	bin := buildBinary(t)
	env := bareEnv(t)
	data := filepath.Join(t.TempDir(), "data")
	if out, err := runBin(t, bin, env, "version"); err != nil || !strings.HasPrefix(out, "shopdojo ") {
		t.Fatalf("version: %v %q", err, out)
	}
	addr := freePort(t)
	cmd := exec.Command(bin, "serve", "--demo", "--data", data, "--addr", addr)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitReady(t, "http://"+addr)
	resp, err := http.Get("http://" + addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "运营道场") {
		t.Fatalf("login page: %s", body)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := waitExit(cmd, 30*time.Second); err != nil {
		t.Fatalf("graceful shutdown: %v\n%s", err, out.String())
	}
	for _, want := range []string{"password:", "示例电商有限公司", "SD9001"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve output lacks %q:\n%s", want, out.String())
		}
	}
	verify, err := runBin(t, bin, env, "audit", "verify", "--data", data)
	if err != nil || !strings.Contains(verify, "OK") {
		t.Fatalf("audit verify: %v\n%s", err, verify)
	}
	backupRestore(t, bin, env, data)
}

func backupRestore(t *testing.T, bin string, env []string, data string) {
	archive := filepath.Join(t.TempDir(), "backup.tar.gz")
	if out, err := runBin(t, bin, env, "backup", "--data", data, "--to", archive); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := runBin(t, bin, env, "user", "disable", "--data", data, "SD1003"); err != nil {
		t.Fatalf("disable: %v\n%s", err, out)
	}
	// Restore over the live data directory: the disable above is undone.
	restored := data
	if out, err := runBin(t, bin, env, "restore", "--data", restored, "--from", archive); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	list, err := runBin(t, bin, env, "user", "list", "--data", restored)
	if err != nil || !strings.Contains(list, "SD1003") || strings.Contains(lineOf(list, "SD1003"), "disabled") {
		t.Fatalf("restored list: %v\n%s", err, list)
	}
	if v, err := runBin(t, bin, env, "audit", "verify", "--data", restored); err != nil {
		t.Fatalf("restored audit: %v\n%s", err, v)
	}
	bad := filepath.Join(t.TempDir(), "bad.tar.gz")
	_ = os.WriteFile(bad, []byte("not a backup"), 0o600)
	if out, err := runBin(t, bin, env, "restore", "--data", restored, "--from", bad); err == nil {
		t.Fatalf("restoring garbage succeeded:\n%s", out)
	}
}

func lineOf(s, substr string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) {
			return l
		}
	}
	return ""
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never became ready", base)
}

func waitExit(cmd *exec.Cmd, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		_ = cmd.Process.Kill()
		return fmt.Errorf("still running after %s", d)
	}
}

// TestCrashDuringExamStorm is the short crash test: the built binary's
// `bench crash` kills serve with SIGKILL three times during an answer
// storm and checks every acknowledged answer and the database integrity
// (`make soak` runs the long one).
func TestCrashDuringExamStorm(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test in -short mode")
	}
	if os.Getenv("SHOPDOJO_TEST_PG") != "" {
		// bench crash seeds a database of its own; on PostgreSQL that needs an empty one.
		t.Skip("the crash test runs on SQLite, whose durability it checks")
	}
	bin := buildBinary(t)
	args := []string{"bench", "crash", "--examinees", "150", "--kills", "3", "--run", "2s"}
	out, err := runBin(t, bin, append(bareEnv(t), "TMPDIR="+t.TempDir()), args...)
	if err != nil || !strings.Contains(out, "acknowledged answers lost: 0") || !strings.Contains(out, "database integrity: ok") {
		t.Fatalf("bench crash: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(out[strings.LastIndex(out, "shopdojo bench crash"):]))
}
