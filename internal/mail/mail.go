// Package mail sends personal reminders by e-mail over SMTP, through
// wneessen/go-mail. A batch of messages shares one connection; each
// message gets its own result, temporary (retry later: 4xx replies, a
// dropped connection) or permanent (5xx: a bad address), so the job queue
// retries only what may still arrive. Every message carries a Message-ID
// made from its idempotency key, so a retry of a message that did arrive
// is recognisable as the same message.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config is the SMTP relay.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no SMTP AUTH
	Password string
	From     string // the sender address, e.g. training@example.com
	FromName string // e.g. 运营道场
	// TLS is "mandatory" (STARTTLS required; the default), "opportunistic"
	// or "none" (only for a relay on loopback).
	TLS     string
	Timeout time.Duration
}

// Message is one e-mail.
type Message struct {
	Key     string // idempotency key, e.g. reminder id: becomes the Message-ID
	ToName  string
	To      string
	Subject string
	Text    string
	HTML    string // optional alternative
}

// Sender sends through one relay.
type Sender struct {
	cfg Config
}

// New checks cfg and returns a Sender.
func New(cfg Config) (*Sender, error) {
	switch {
	case cfg.Host == "" || cfg.Port <= 0 || cfg.Port > 65535:
		return nil, errors.New("mail: need an SMTP host and port")
	case !strings.Contains(cfg.From, "@"):
		return nil, errors.New("mail: need a sender address")
	case cfg.TLS != "" && cfg.TLS != "mandatory" && cfg.TLS != "opportunistic" && cfg.TLS != "none":
		return nil, fmt.Errorf("mail: unknown TLS policy %q", cfg.TLS)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 15 * time.Second
	}
	return &Sender{cfg: cfg}, nil
}

// Result is what happened to one message of a batch.
type Result struct {
	Err       error // nil: the relay accepted it
	Temporary bool  // Err may go away on a later try
}

// Send sends msgs over one connection and returns a result per message.
// A connection that cannot be made fails every message temporarily.
func (s *Sender) Send(ctx context.Context, msgs []Message) []Result {
	out := make([]Result, len(msgs))
	built := make([]*gomail.Msg, len(msgs))
	for i, m := range msgs {
		var err error
		if built[i], err = s.build(m); err != nil {
			out[i] = Result{Err: err}
		}
	}
	c, err := s.client()
	if err == nil {
		err = c.DialAndSendWithContext(ctx, nonNil(built)...)
	}
	for i, b := range built {
		switch {
		case b == nil:
		case b.HasSendError():
			out[i] = Result{Err: b.SendError(), Temporary: b.SendErrorIsTemp()}
		case err != nil && !b.HasSendError() && dialFailed(err):
			out[i] = Result{Err: err, Temporary: true}
		}
	}
	return out
}

// dialFailed tells a failure to connect (no message was tried) from the
// joined per-message errors DialAndSend also returns.
func dialFailed(err error) bool {
	var ne net.Error
	return strings.Contains(err.Error(), "dial failed") || errors.As(err, &ne)
}

func nonNil(ms []*gomail.Msg) []*gomail.Msg {
	out := make([]*gomail.Msg, 0, len(ms))
	for _, m := range ms {
		if m != nil {
			out = append(out, m)
		}
	}
	return out
}

func (s *Sender) client() (*gomail.Client, error) {
	policy := map[string]gomail.TLSPolicy{"": gomail.TLSMandatory, "mandatory": gomail.TLSMandatory,
		"opportunistic": gomail.TLSOpportunistic, "none": gomail.NoTLS}[s.cfg.TLS]
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout), gomail.WithTLSPolicy(policy)}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: client for %s: %w", s.cfg.Host, err)
	}
	return c, nil
}

// build makes the MIME message (UTF-8, quoted-printable, encoded subject).
func (s *Sender) build(m Message) (*gomail.Msg, error) {
	g := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := g.FromFormat(s.cfg.FromName, s.cfg.From); err != nil {
		return nil, fmt.Errorf("mail: sender: %w", err)
	}
	if err := g.AddToFormat(m.ToName, m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	g.Subject(m.Subject)
	if m.Key != "" {
		g.SetMessageIDWithValue(MessageID(m.Key, s.cfg.From))
	} else {
		g.SetMessageID()
	}
	g.SetDate()
	g.SetBulk() // reminders: no out-of-office replies
	g.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		g.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return g, nil
}

// MessageID is the Message-ID (without angle brackets) of the message
// with idempotency key key sent from from: the same key always gives the
// same id.
func MessageID(key, from string) string {
	domain := from[strings.LastIndex(from, "@")+1:]
	var b strings.Builder
	for _, r := range key {
		if r < 0x80 && (r == '-' || r == '.' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')) {
			b.WriteRune(r)
		} else {
			b.WriteString("=" + strconv.FormatInt(int64(r), 16))
		}
	}
	return b.String() + "@" + domain
}
