// Package audit is the tamper-evident audit log's pure core: the canonical
// encoding of an event, the hash chain over events, the Merkle tree (tlog)
// over the same records, Ed25519-signed checkpoints and verification. It
// knows no database; app appends events in the same transaction as the
// change they record.
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
)

// Event is one audit record as stored.
type Event struct {
	Seq          int64
	ID           string
	At           int64 // Unix milliseconds UTC
	ActorID      string
	ActorName    string
	Action       string
	ObjectType   string
	ObjectID     string
	ObjectName   string
	BeforeDigest string
	AfterDigest  string
	Changes      string // JSON object {field: [before, after]}
	RequestID    string
	PrevHash     string
	Hash         string
}

// Genesis is the previous hash of the first event.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// encode is the canonical, length-prefixed encoding of every field but Hash.
func (e Event) encode() []byte {
	fields := []string{strconv.FormatInt(e.Seq, 10), e.ID, strconv.FormatInt(e.At, 10), e.ActorID,
		e.ActorName, e.Action, e.ObjectType, e.ObjectID, e.ObjectName, e.BeforeDigest,
		e.AfterDigest, e.Changes, e.RequestID, e.PrevHash}
	var b []byte
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// ComputeHash returns the chain hash of e: SHA-256 over its canonical
// encoding, which includes the previous event's hash.
func (e Event) ComputeHash() string {
	sum := sha256.Sum256(e.encode())
	return hex.EncodeToString(sum[:])
}

// Seal sets PrevHash and Hash for e appended after prev.
func (e *Event) Seal(prevHash string) {
	e.PrevHash = prevHash
	e.Hash = e.ComputeHash()
}

// Record is the tlog record for e (its chain hash, which covers every field).
func (e Event) Record() []byte { return []byte(e.Hash) }

// Digest returns a SHA-256 digest of v's JSON form, or "" for nil.
func Digest(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Changes describes the fields that differ between before and after (maps
// of field → display value) as a JSON object {field: [before, after]}.
// Secrets must never be passed in.
func Changes(before, after map[string]string) string {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		if before[k] != after[k] {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	out := make(map[string][2]string, len(names))
	for _, k := range names {
		out[k] = [2]string{before[k], after[k]}
	}
	b, _ := json.Marshal(out)
	return string(b)
}
