package audit

import (
	"encoding/base64"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// Verifier checks a stream of events in seq order against the hash chain,
// recomputes the Merkle tree and checks checkpoints. Feed events with Add,
// then call Finish.
type Verifier struct {
	key      *Key
	prev     string
	next     int64
	tree     memHashes
	Checked  int64
	Problems []string
}

// NewVerifier starts a verification with the checkpoint key.
func NewVerifier(key *Key) *Verifier {
	return &Verifier{key: key, prev: Genesis, next: 1}
}

type memHashes []tlog.Hash

func (m memHashes) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("hash %d not stored", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

func (v *Verifier) problem(format string, args ...any) {
	if len(v.Problems) < 100 {
		v.Problems = append(v.Problems, fmt.Sprintf(format, args...))
	}
}

// Add checks the next event.
func (v *Verifier) Add(e Event) {
	v.Checked++
	if e.Seq != v.next {
		v.problem("event seq %d: expected seq %d (a row was deleted, inserted or reordered)", e.Seq, v.next)
	}
	v.next = e.Seq + 1
	if e.PrevHash != v.prev {
		v.problem("event seq %d: previous hash does not match event %d (chain broken)", e.Seq, e.Seq-1)
	}
	if got := e.ComputeHash(); got != e.Hash {
		v.problem("event seq %d: content does not match its hash (row edited)", e.Seq)
	}
	v.prev = e.Hash
	hs, err := tlog.StoredHashes(v.Checked-1, e.Record(), v.tree)
	if err != nil {
		v.problem("event seq %d: tree: %v", e.Seq, err)
		return
	}
	v.tree = append(v.tree, hs...)
}

// Finish checks every checkpoint against the recomputed tree. Checkpoints
// beyond the number of events reveal rows deleted from the end.
func (v *Verifier) Finish(cps []Checkpoint) {
	n := v.Checked
	for _, c := range cps {
		if v.key != nil && !v.key.Verify(c) {
			v.problem("checkpoint at size %d: bad signature", c.Size)
			continue
		}
		if c.Size > n {
			v.problem("checkpoint at size %d: only %d events present (events deleted)", c.Size, n)
			continue
		}
		root, err := tlog.TreeHash(c.Size, v.tree)
		if err != nil {
			v.problem("checkpoint at size %d: %v", c.Size, err)
			continue
		}
		if base64.StdEncoding.EncodeToString(root[:]) != c.Root {
			v.problem("checkpoint at size %d: tree root differs (events changed before it)", c.Size)
		}
	}
}

// OK reports whether no problem was found.
func (v *Verifier) OK() bool { return len(v.Problems) == 0 }
