package robot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client sends digests, each robot at the pace its platform allows.
type Client struct {
	HTTP    *http.Client
	Limiter *Limiter
	Now     func() time.Time
}

// NewClient returns a Client with a 10-second HTTP timeout and the
// platforms' default limits.
func NewClient() *Client {
	return &Client{HTTP: &http.Client{Timeout: 10 * time.Second}, Limiter: NewLimiter(nil), Now: time.Now}
}

// Send posts d through r once it is r's turn. A nil error means the
// platform accepted the message.
func (c *Client) Send(ctx context.Context, r Robot, d Digest) error {
	if err := c.Limiter.Wait(ctx, r); err != nil {
		return err
	}
	req, err := NewRequest(ctx, r, d, c.Now())
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return &Error{Kind: r.Kind, Msg: err.Error(), Retryable: ctx.Err() == nil}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return checkResponse(r.Kind, resp, body)
}

// platformReply is the union of the platforms' JSON replies.
type platformReply struct {
	ErrCode    *int   `json:"errcode"` // DingTalk, WeCom
	ErrMsg     string `json:"errmsg"`
	Code       *int   `json:"code"` // Feishu
	Msg        string `json:"msg"`
	StatusCode *int   `json:"StatusCode"` // Feishu, older replies
}

// Rate-limit codes: DingTalk 410100 (限流 for 10 minutes), WeCom 45009
// (api freq out of limit), Feishu 9499 and 11232 (frequency limited).
var throttled = map[Kind]map[int]time.Duration{
	DingTalk: {410100: 10 * time.Minute},
	WeCom:    {45009: time.Minute},
	Feishu:   {9499: time.Minute, 11232: time.Minute},
}

func checkResponse(k Kind, resp *http.Response, body []byte) error {
	e := &Error{Kind: k, Status: resp.StatusCode, Msg: strings.TrimSpace(string(body))}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		e.Retryable, e.RetryAfter = true, retryAfter(resp.Header.Get("Retry-After"))
		return e
	case resp.StatusCode >= 500:
		e.Retryable = true
		return e
	case resp.StatusCode != http.StatusOK:
		return e
	case k == Slack:
		if string(body) != "ok" {
			return e
		}
		return nil
	}
	var r platformReply
	if err := json.Unmarshal(body, &r); err != nil {
		e.Msg = "unreadable reply: " + e.Msg
		return e
	}
	code, msg := firstCode(r)
	if code == 0 {
		return nil
	}
	e.Code, e.Msg = strconv.Itoa(code), msg
	if wait, ok := throttled[k][code]; ok {
		e.Retryable, e.RetryAfter = true, wait
	}
	return e
}

func firstCode(r platformReply) (int, string) {
	for _, c := range []*int{r.ErrCode, r.Code, r.StatusCode} {
		if c != nil {
			return *c, r.ErrMsg + r.Msg
		}
	}
	return -1, "reply without a code"
}

func retryAfter(h string) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 30 * time.Second
}

// String names the robot without its secret parts (the webhook token is
// in the URL), for logs and the dead-letter list.
func (r Robot) String() string {
	u := r.URL
	if i := strings.IndexAny(u, "?"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndex(u, "/"); i >= 0 && len(u)-i > 8 {
		u = u[:i+5] + "…"
	}
	return fmt.Sprintf("%s %s", r.Kind, u)
}
