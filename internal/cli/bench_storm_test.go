package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestSLORateSearch runs the paced search against a fake answer endpoint
// that serves one request per millisecond (about 1,000/s): the rate found
// must be one the fake can serve, every acknowledged save must be in the
// ledger, and a rate above the fake's capacity must have failed.
func TestSLORateSearch(t *testing.T) {
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Answers []struct {
				Pos int   `json:"pos"`
				Seq int64 `json:"seq"`
			} `json:"answers"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.Answers) != 1 {
			http.Error(w, "bad save", http.StatusBadRequest)
			return
		}
		mu.Lock()
		time.Sleep(time.Millisecond)
		mu.Unlock()
		fmt.Fprintf(w, `{"acks":[{"pos":%d,"seq":%d,"kept":true}]}`, body.Answers[0].Pos, body.Answers[0].Seq)
	}))
	defer srv.Close()
	people := make([]*examinee, 20)
	for i := range people {
		people[i] = &examinee{no: fmt.Sprint(i), session: "s", device: "d", attempt: fmt.Sprint("a", i)}
	}
	c := newStormClient(srv.URL, "exam", 10, 16)
	defer c.close()
	best, rate, steps := c.sloRate(context.Background(), people, 16, 0, 3000, 50*time.Millisecond, 4, 400*time.Millisecond)
	if rate <= 0 || rate > 1100 || best.ok == 0 || best.pct(99) > 50*time.Millisecond {
		t.Fatalf("found %.0f/s (p99 %s) in %+v; the fake serves about 1,000/s", rate, best.pct(99), steps)
	}
	if steps[0].ok {
		t.Fatalf("%.0f/s passed, above the fake's capacity", steps[0].rate)
	}
	if c.acks.count() == 0 {
		t.Fatal("no acknowledged save in the ledger")
	}
}
