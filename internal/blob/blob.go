// Package blob stores file contents by their SHA-256, so identical uploads
// are kept once and a key always names the same bytes. It has a local
// directory backend and an S3 backend behind one Store interface. It knows
// nothing of file names, owners or the database: the app layer keeps that
// metadata and refers to contents by key.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Info describes stored content.
type Info struct {
	Key  string // lowercase hex SHA-256 of the content
	Size int64
	// Type is the MIME type sniffed from the first 512 bytes at Put time.
	// Stat reports it on a best-effort basis: Local sniffs the file again,
	// S3 returns the Content-Type stored with the object, which may be ""
	// or generic for objects not written by this package.
	Type string
}

// Object is stored content opened for reading. It seeks so that
// http.ServeContent can answer Range requests from it.
type Object interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}

// Store is a content-addressed blob store.
type Store interface {
	// Put streams r into the store, hashing as it goes; at most limit bytes
	// (limit <= 0 means no limit). More than limit bytes gives ErrTooLarge
	// and nothing is kept. Content already present is not written twice,
	// but its Info is still returned.
	Put(ctx context.Context, r io.Reader, limit int64) (Info, error)
	// Open gives ErrNotFound when the key is missing, ErrInvalidKey when it
	// is not 64 lowercase hex characters.
	Open(ctx context.Context, key string) (Object, error)
	// Stat gives the same errors as Open; see Info.Type for its caveat.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete of a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// Walk calls fn for every stored blob, for backup and verification.
	// An error from fn stops the walk; Walk returns it wrapped.
	Walk(ctx context.Context, fn func(key string, size int64) error) error
}

// Errors callers are expected to test for with errors.Is.
var (
	ErrNotFound   = errors.New("blob: not found")
	ErrTooLarge   = errors.New("blob: too large")
	ErrInvalidKey = errors.New("blob: invalid key")
)

// ValidKey reports whether key is a lowercase hex SHA-256. Backends check
// it before building a path or object name, so a key cannot escape them.
func ValidKey(key string) bool {
	if len(key) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func checkKey(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%w: %q", ErrInvalidKey, key)
	}
	return nil
}

// copyHashed copies r to dst and computes the Info on the way, so content
// is read exactly once however large it is. Reading limit+1 bytes is how
// overflow is told apart from content of exactly limit bytes.
func copyHashed(ctx context.Context, dst io.Writer, r io.Reader, limit int64) (Info, error) {
	src := io.Reader(ctxReader{ctx: ctx, r: r})
	if limit > 0 && limit < math.MaxInt64 {
		src = io.LimitReader(src, limit+1)
	}
	h := sha256.New()
	var head sniffBuffer
	n, err := io.Copy(io.MultiWriter(dst, h, &head), src)
	if err != nil {
		return Info{}, fmt.Errorf("blob: put: copy: %w", err)
	}
	if limit > 0 && n > limit {
		return Info{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return Info{Key: hex.EncodeToString(h.Sum(nil)), Size: n, Type: Sniff(head.b)}, nil
}

// ctxReader makes a long copy notice cancellation between reads, which
// io.Copy alone never does.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// sniffBuffer keeps the first sniffLen bytes written to it and drops the
// rest, so sniffing costs no second read.
type sniffBuffer struct{ b []byte }

func (s *sniffBuffer) Write(p []byte) (int, error) {
	if room := sniffLen - len(s.b); room > 0 {
		s.b = append(s.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}
