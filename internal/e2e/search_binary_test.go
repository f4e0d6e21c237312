package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchBinaryWithoutModuleCache runs `kb search` from the built
// binary with no Go module cache: the dictionary must come from the
// binary itself, and a Chinese word, its pinyin and a synonym must find
// the starter curriculum's refund lessons.
func TestSearchBinaryWithoutModuleCache(t *testing.T) {
	bin := buildBinary(t)
	env := bareEnv(t)
	data := filepath.Join(t.TempDir(), "data")
	for _, args := range [][]string{
		{"user", "add", "--employee-no", "M1", "--name", "许晴", "--role", "training_manager", "--password", "a-long-password-1"},
		{"user", "add", "--employee-no", "L1", "--name", "王芳", "--password", "a-long-password-2"},
		{"content", "import", "--builtin", "--as", "M1"},
	} {
		if out, err := runBin(t, bin, env, append([]string{"--data", data}, args...)...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	for _, q := range []string{"退款", "tuikuan", "仅退款"} {
		out, err := runBin(t, bin, env, "--data", data, "kb", "search", q, "--as", "L1", "--json")
		if err != nil {
			t.Fatalf("kb search %s: %v\n%s", q, err, out)
		}
		var res struct {
			Total int
			Items []struct{ Type, Title, URL string }
		}
		if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &res); err != nil {
			t.Fatalf("kb search %s: %v\n%s", q, err, out)
		}
		if res.Total == 0 || !strings.Contains(res.Items[0].Title+res.Items[1].Title, "退款") {
			t.Errorf("kb search %s as a learner: %+v", q, res)
		}
		for _, it := range res.Items {
			if it.Type == "question" {
				t.Errorf("kb search %s as a learner shows question %s", q, it.URL)
			}
		}
	}
}
