// Package checkin makes and checks the rotating codes of offline-session
// check-in: the trainer's screen shows a QR code that changes every 30
// seconds, and a learner's phone, signed in, opens its link. A photo of
// the code sent to a friend stops working within a window, and a code
// names one session only.
//
// A code is an HMAC of the session id and the window number under a
// server key, so nothing is stored per code; checking accepts the current
// window and the one before it (a code scanned in the last second of its
// window still works while the phone loads). That a person checks in once
// per session is the caller's rule (a unique row), as is what counts as
// the session's check-in period.
package checkin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"time"
)

// Period is how long one code is shown.
const Period = 30 * time.Second

// codeBytes is the HMAC prefix a code carries: 96 bits, far beyond
// guessing within a minute, and short enough for a QR code that phones read from across a room.
const codeBytes = 12

// Errors of Check.
var (
	ErrExpired = errors.New("check-in code expired")
	ErrInvalid = errors.New("check-in code not valid for this session")
)

// Codes makes and checks codes under one key.
type Codes struct {
	key []byte
}

// New returns Codes under key (at least 32 bytes of secret).
func New(key []byte) (*Codes, error) {
	if len(key) < 32 {
		return nil, errors.New("check-in key: need at least 32 bytes")
	}
	return &Codes{key: append([]byte(nil), key...)}, nil
}

func window(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// Code is session's code at now, and when the next one replaces it.
func (c *Codes) Code(session string, now time.Time) (code string, next time.Time) {
	w := window(now)
	return c.code(session, w), time.Unix((w+1)*int64(Period/time.Second), 0)
}

func (c *Codes) code(session string, w int64) string {
	m := hmac.New(sha256.New, c.key)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(w))
	m.Write(b[:])
	m.Write([]byte(session))
	sum := m.Sum(nil)
	// the window's low byte leads, so Check knows which window to try
	// without trying many: a code from another time fails the MAC.
	return base64.RawURLEncoding.EncodeToString(append([]byte{byte(w)}, sum[:codeBytes]...))
}

// Check reports whether code is session's code at now: nil for the
// current window or the one before, ErrExpired for an older genuine code
// (up to ten minutes, so the learner hears "expired" rather than
// "invalid"), ErrInvalid otherwise.
func (c *Codes) Check(session, code string, now time.Time) error {
	raw, err := base64.RawURLEncoding.DecodeString(code)
	if err != nil || len(raw) != codeBytes+1 {
		return ErrInvalid
	}
	cur := window(now)
	for w := cur; w > cur-int64(10*time.Minute/Period); w-- {
		if byte(w) != raw[0] {
			continue
		}
		if hmac.Equal([]byte(c.code(session, w)), []byte(code)) {
			if w >= cur-1 {
				return nil
			}
			return ErrExpired
		}
	}
	return ErrInvalid
}
