package robot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var digest = Digest{
	Title:    "今日培训提醒 · 2026 秋季新人营",
	Lines:    []string{"19:00 每周练习：退款话术（线上）", "明天 14:00 双周实战演练 <千牛接待> & 复盘"},
	Link:     "https://shopdojo.example/calendar",
	Mentions: []Mention{{Name: "李娜", Mobile: "13800001111"}, {Name: "王磊", IMID: "ou_7d8a6e6df7621556ce0d21922b676706ccs"}},
}

// fake is a loopback platform that checks what it receives the way the
// platform does and answers as it would.
type fake struct {
	t      *testing.T
	kind   Kind
	secret string
	mu     sync.Mutex
	bodies []map[string]any
	reply  func(w http.ResponseWriter)
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		f.t.Errorf("%s: body is not JSON: %s", f.kind, raw)
	}
	if f.secret != "" && !f.signed(r, body) {
		http.Error(w, `{"errcode":310000,"errmsg":"sign not match"}`, http.StatusOK)
		return
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, body)
	f.mu.Unlock()
	if f.reply != nil {
		f.reply(w)
		return
	}
	switch f.kind {
	case Slack:
		io.WriteString(w, "ok")
	case Feishu:
		io.WriteString(w, `{"code":0,"msg":"success","data":{}}`)
	default:
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}
}

// signed checks the signature as the platform documents it, written out
// again here rather than calling the package's own functions.
func (f *fake) signed(r *http.Request, body map[string]any) bool {
	switch f.kind {
	case DingTalk:
		ts := r.URL.Query().Get("timestamp")
		ms, _ := strconv.ParseInt(ts, 10, 64)
		mac := hmac.New(sha256.New, []byte(f.secret))
		fmt.Fprintf(mac, "%s\n%s", ts, f.secret)
		return r.URL.Query().Get("sign") == base64.StdEncoding.EncodeToString(mac.Sum(nil)) &&
			time.Since(time.UnixMilli(ms)).Abs() < time.Hour
	case Feishu:
		ts, _ := body["timestamp"].(string)
		mac := hmac.New(sha256.New, []byte(ts+"\n"+f.secret))
		return body["sign"] == base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return true
}

func serve(t *testing.T, f *fake) Robot {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	u := srv.URL + "/robot/send?access_token=tok"
	return Robot{Kind: f.kind, URL: u, Secret: f.secret}
}

func TestSendSignedAndMentioned(t *testing.T) {
	ctx := context.Background()
	for _, f := range []*fake{
		{kind: DingTalk, secret: "SEC0123456789abcdef"},
		{kind: WeCom},
		{kind: Feishu, secret: "feishu-secret"},
		{kind: Slack},
	} {
		f.t = t
		r := serve(t, f)
		if err := NewClient().Send(ctx, r, digest); err != nil {
			t.Fatalf("%s: %v", f.kind, err)
		}
		if len(f.bodies) != 1 {
			t.Fatalf("%s: %d messages", f.kind, len(f.bodies))
		}
		raw, _ := json.Marshal(f.bodies[0])
		s := string(raw)
		for _, want := range map[Kind][]string{
			DingTalk: {`"atMobiles":["13800001111"]`, `@13800001111`, `"msgtype":"markdown"`, `退款话术`},
			WeCom:    {`"mentioned_mobile_list":["13800001111"]`, `"mentioned_list":["ou_7d8a6e6df7621556ce0d21922b676706ccs"]`, `今日培训提醒`},
			Feishu:   {`\u003cat user_id=\"ou_7d8a6e6df7621556ce0d21922b676706ccs\"\u003e王磊\u003c/at\u003e`, `"msg_type":"text"`},
			Slack:    {`\u003c@ou_7d8a6e6df7621556ce0d21922b676706ccs\u003e`, `\u0026lt;千牛接待\u0026gt; \u0026amp; 复盘`},
		}[f.kind] {
			if !strings.Contains(s, want) {
				t.Errorf("%s: message lacks %s:\n%s", f.kind, want, s)
			}
		}
	}
	// A wrong secret is refused by the platform, and not worth a retry.
	f := &fake{t: t, kind: DingTalk, secret: "right"}
	r := serve(t, f)
	r.Secret = "wrong"
	if err := NewClient().Send(ctx, r, digest); err == nil || Retryable(err) {
		t.Fatalf("wrong secret: %v (retryable %v)", err, Retryable(err))
	}
}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		kind      Kind
		status    int
		header    string
		body      string
		retryable bool
		after     time.Duration
	}{
		{DingTalk, 200, "", `{"errcode":410100,"errmsg":"send too fast, exceed 20 times per minute"}`, true, 10 * time.Minute},
		{WeCom, 200, "", `{"errcode":45009,"errmsg":"api freq out of limit"}`, true, time.Minute},
		{WeCom, 200, "", `{"errcode":93000,"errmsg":"invalid webhook url"}`, false, 0},
		{Feishu, 200, "", `{"code":11232,"msg":"frequency limited psm"}`, true, time.Minute},
		{Feishu, 200, "", `{"code":19024,"msg":"Key Words Not Found"}`, false, 0},
		{Feishu, 200, "", `{"StatusCode":0,"StatusMessage":"success"}`, false, -1},
		{Slack, 429, "7", "rate_limited", true, 7 * time.Second},
		{Slack, 404, "", "no_service", false, 0},
		{Slack, 503, "", "", true, 0},
		{DingTalk, 200, "", `<html>`, false, 0},
	} {
		f := &fake{t: t, kind: tc.kind, reply: func(w http.ResponseWriter) {
			if tc.header != "" {
				w.Header().Set("Retry-After", tc.header)
			}
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}}
		err := NewClient().Send(ctx, serve(t, f), digest)
		if tc.after < 0 {
			if err != nil {
				t.Errorf("%s %s: %v", tc.kind, tc.body, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Retryable != tc.retryable || e.RetryAfter != tc.after {
			t.Errorf("%s %d %s: %#v", tc.kind, tc.status, tc.body, err)
		}
	}
	// Nobody listening: a network error, worth retrying.
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	if err := NewClient().Send(ctx, Robot{Kind: WeCom, URL: srv.URL}, digest); !Retryable(err) {
		t.Errorf("closed server: %v", err)
	}
}

// TestLimiter runs on a fake clock: 45 DingTalk messages take two waits
// of a minute, 12 Feishu ones are spaced 5 to a second.
func TestLimiter(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		n    int
		want []time.Duration // when message 0, 5, 10, … went out
		step int
	}{
		{DingTalk, 45, []time.Duration{0, 0, 0, 0, time.Minute, time.Minute, time.Minute, time.Minute, 2 * time.Minute}, 5},
		{Feishu, 12, []time.Duration{0, time.Second, 2 * time.Second}, 5},
	} {
		now := time.Date(2026, 12, 8, 2, 0, 0, 0, time.UTC)
		start := now
		l := NewLimiter(nil)
		l.now = func() time.Time { return now }
		l.sleep = func(_ context.Context, d time.Duration) error { now = now.Add(d); return nil }
		var got []time.Duration
		for i := range tc.n {
			if err := l.Wait(context.Background(), Robot{Kind: tc.kind, URL: "https://x/y"}); err != nil {
				t.Fatal(err)
			}
			if i%tc.step == 0 {
				got = append(got, now.Sub(start))
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: sent at %v, want %v", tc.kind, got, tc.want)
		}
	}
	// Two robots do not wait for each other.
	l := NewLimiter(map[Kind][]Limit{WeCom: {{1, time.Hour}}})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	for _, u := range []string{"https://a/1", "https://a/2"} {
		if err := l.Wait(ctx, Robot{Kind: WeCom, URL: u}); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	if err := l.Wait(ctx, Robot{Kind: WeCom, URL: "https://a/1"}); err == nil {
		t.Fatal("a second message within the hour was let through")
	}
}

func TestLongDigestFits(t *testing.T) {
	d := digest
	d.Lines = nil
	for i := range 300 {
		d.Lines = append(d.Lines, fmt.Sprintf("第 %d 位学员：今天 18:00 前完成「大促前店铺自查清单」打卡", i+1))
	}
	m := weComMessage(d)
	content := m["text"].(map[string]any)["content"].(string)
	if len(content) > 2048 || !strings.Contains(content, "……另有") {
		t.Fatalf("WeCom content of %d bytes: …%s", len(content), content[len(content)-40:])
	}
	if s := truncate("退款退款", 4); s != "退" {
		t.Fatalf("truncate split a character: %q", s)
	}
	if err := (Robot{Kind: "qq", URL: "https://x"}).Check(); err == nil {
		t.Fatal("unknown kind accepted")
	}
	if s := (Robot{Kind: Feishu, URL: "https://open.feishu.cn/open-apis/bot/v2/hook/2f1a9c3e-secret"}).String(); strings.Contains(s, "secret") {
		t.Fatalf("String shows the hook token: %s", s)
	}
}
