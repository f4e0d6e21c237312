// Package robot posts digests to chat-group robots: DingTalk (钉钉) and
// Feishu (飞书) custom robots with their signing schemes, WeCom (企业微信)
// group robots and Slack incoming webhooks. One digest is one message that
// @mentions the people concerned, by mobile number or IM id as each
// platform allows.
//
// Platforms throttle a robot that posts too often (DingTalk and WeCom:
// 20 messages a minute; Feishu: 100 a minute and 5 a second; Slack: about
// one a second) and then refuse it for a while, so every send waits its
// turn in a per-robot Limiter. A refusal is an *Error that says whether a
// retry may succeed, for the job queue's retries and dead letters.
package robot

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is a robot platform.
type Kind string

// The platforms.
const (
	DingTalk Kind = "dingtalk"
	WeCom    Kind = "wecom"
	Feishu   Kind = "feishu"
	Slack    Kind = "slack"
)

// Kinds lists the platforms in display order.
var Kinds = []Kind{DingTalk, WeCom, Feishu, Slack}

// Robot is one group's robot.
type Robot struct {
	Kind   Kind
	URL    string // the webhook address the platform gave
	Secret string // DingTalk 加签 / Feishu 签名校验 secret; empty when not enabled
}

// Mention is a person to @mention. DingTalk and WeCom mention by mobile
// number or user id, Feishu by open_id/user_id, Slack by member id.
type Mention struct {
	Name   string
	Mobile string
	IMID   string
}

// Digest is one message: a title, its lines, a link and who it concerns.
type Digest struct {
	Title    string
	Lines    []string
	Link     string
	Mentions []Mention
	// More says how many lines did not fit the platform's size limit, in
	// the group's language (nil: "……另有 N 项").
	More func(n int) string
}

// Error is a send the platform refused or that did not reach it.
type Error struct {
	Kind       Kind
	Status     int    // HTTP status, 0 if none arrived
	Code       string // the platform's error code, if any
	Msg        string
	Retryable  bool          // a later try may succeed (rate limits, 5xx, network)
	RetryAfter time.Duration // when the platform says how long to wait
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s robot: ", e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf("HTTP %d ", e.Status)
	}
	if e.Code != "" {
		s += "code " + e.Code + " "
	}
	return s + e.Msg
}

// Retryable reports whether err is worth trying again.
func Retryable(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Retryable
	}
	return err != nil
}

// Check reports what is wrong with a robot's settings.
func (r Robot) Check() error {
	switch {
	case r.Kind != DingTalk && r.Kind != WeCom && r.Kind != Feishu && r.Kind != Slack:
		return fmt.Errorf("unknown robot kind %q", r.Kind)
	case !strings.HasPrefix(r.URL, "https://") && !strings.HasPrefix(r.URL, "http://"):
		return errors.New("robot URL must be an http(s) address")
	}
	return nil
}

// limits are the message-size limits, in bytes, that the platforms state
// for these message types (kept below them with room for mentions).
var limits = map[Kind]int{DingTalk: 18000, WeCom: 1900, Feishu: 28000, Slack: 38000}

// body is the digest's text lines cut to fit limit bytes, ending with a
// note of how many lines were left out.
func (d Digest) body(limit int) []string {
	more := d.More
	if more == nil {
		more = moreZH
	}
	var out []string
	used := 0
	for i, l := range d.Lines {
		if used+len(l)+1 > limit {
			return append(out, more(len(d.Lines)-i))
		}
		out = append(out, l)
		used += len(l) + 1
	}
	return out
}

func moreZH(n int) string { return fmt.Sprintf("……另有 %d 项", n) }

// truncate cuts s to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
