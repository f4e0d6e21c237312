package robot

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// NewRequest builds the platform's HTTP request for d at now (the
// signature's timestamp).
func NewRequest(ctx context.Context, r Robot, d Digest, now time.Time) (*http.Request, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	target := r.URL
	var msg any
	switch r.Kind {
	case DingTalk:
		msg = dingTalkMessage(d)
		if r.Secret != "" {
			target = dingTalkSigned(r, now)
		}
	case WeCom:
		msg = weComMessage(d)
	case Feishu:
		m := feishuMessage(d)
		if r.Secret != "" {
			m["timestamp"], m["sign"] = strconv.FormatInt(now.Unix(), 10), FeishuSign(r.Secret, now.Unix())
		}
		msg = m
	case Slack:
		msg = map[string]string{"text": slackText(d)}
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s robot: %w", r.Kind, err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	return req, nil
}

// DingTalkSign is DingTalk's 加签: base64(HMAC-SHA256(secret,
// "<ms>\n<secret>")), sent URL-encoded with the timestamp in milliseconds.
func DingTalkSign(secret string, ms int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ms, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func dingTalkSigned(r Robot, now time.Time) string {
	ms := now.UnixMilli()
	sep := "?"
	if strings.Contains(r.URL, "?") {
		sep = "&"
	}
	return r.URL + sep + "timestamp=" + strconv.FormatInt(ms, 10) + "&sign=" + url.QueryEscape(DingTalkSign(r.Secret, ms))
}

// FeishuSign is Feishu's 签名校验: base64(HMAC-SHA256 keyed with
// "<seconds>\n<secret>" over an empty message), sent in the body with
// the timestamp in seconds.
func FeishuSign(secret string, sec int64) string {
	m := hmac.New(sha256.New, []byte(strconv.FormatInt(sec, 10)+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func dingTalkMessage(d Digest) map[string]any {
	var b strings.Builder
	b.WriteString("### " + d.Title + "\n\n")
	for _, l := range d.body(limits[DingTalk]) {
		b.WriteString("- " + l + "\n")
	}
	if d.Link != "" {
		b.WriteString("\n[" + d.Link + "](" + d.Link + ")\n")
	}
	var mobiles, ids []string
	for _, m := range d.Mentions {
		switch {
		case m.Mobile != "":
			mobiles = append(mobiles, m.Mobile)
			b.WriteString(" @" + m.Mobile)
		case m.IMID != "":
			ids = append(ids, m.IMID)
			b.WriteString(" @" + m.IMID)
		}
	}
	return map[string]any{"msgtype": "markdown",
		"markdown": map[string]string{"title": d.Title, "text": b.String()},
		"at":       map[string]any{"atMobiles": nonNil(mobiles), "atUserIds": nonNil(ids), "isAtAll": false}}
}

// weComMessage is a text message: WeCom's markdown cannot carry the
// mention lists.
func weComMessage(d Digest) map[string]any {
	lines := append([]string{d.Title}, d.body(limits[WeCom])...)
	if d.Link != "" {
		lines = append(lines, d.Link)
	}
	var mobiles, ids []string
	for _, m := range d.Mentions {
		switch {
		case m.Mobile != "":
			mobiles = append(mobiles, m.Mobile)
		case m.IMID != "":
			ids = append(ids, m.IMID)
		}
	}
	return map[string]any{"msgtype": "text", "text": map[string]any{
		"content":               truncate(strings.Join(lines, "\n"), 2040),
		"mentioned_list":        nonNil(ids),
		"mentioned_mobile_list": nonNil(mobiles)}}
}

func feishuMessage(d Digest) map[string]any {
	lines := append([]string{d.Title}, d.body(limits[Feishu])...)
	if d.Link != "" {
		lines = append(lines, d.Link)
	}
	var at []string
	for _, m := range d.Mentions {
		if m.IMID != "" {
			at = append(at, fmt.Sprintf(`<at user_id="%s">%s</at>`, xmlEscape(m.IMID), xmlEscape(m.Name)))
		}
	}
	if len(at) > 0 {
		lines = append(lines, strings.Join(at, " "))
	}
	return map[string]any{"msg_type": "text", "content": map[string]string{"text": strings.Join(lines, "\n")}}
}

func slackText(d Digest) string {
	lines := []string{"*" + slackEscape(d.Title) + "*"}
	for _, l := range d.body(limits[Slack]) {
		lines = append(lines, "• "+slackEscape(l))
	}
	if d.Link != "" {
		lines = append(lines, "<"+d.Link+">")
	}
	var at []string
	for _, m := range d.Mentions {
		if m.IMID != "" {
			at = append(at, "<@"+m.IMID+">")
		}
	}
	if len(at) > 0 {
		lines = append(lines, strings.Join(at, " "))
	}
	return strings.Join(lines, "\n")
}

var (
	slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	xmlEscaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

func slackEscape(s string) string { return slackEscaper.Replace(s) }
func xmlEscape(s string) string   { return xmlEscaper.Replace(s) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
