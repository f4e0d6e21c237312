// Package mask keeps personal data out of storage: it finds phones,
// landlines, resident IDs, bank cards, e-mail addresses and credit codes in
// free text, decides per spreadsheet column what the column holds (by header,
// by content, or as the operator says) and replaces each value by a stable
// pseudonym, a partial form, a generalised address or a reduced name. The
// same Plan drives imports and the `shopdojo mask` command, and its Report
// is what an import shows. Pseudonyms are HMAC-SHA256 under a per-
// installation key kept outside the database, so repeat buyers stay
// countable while nobody without the key can test a guess.
package mask

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"sync"
	"time"
)

// Kind is what a value is.
type Kind string

// The kinds. None is text that is not personal data as a whole (it is still
// scanned for spans, see ActionScan).
const (
	None       Kind = "none"
	Phone      Kind = "phone"    // mainland mobile number
	Landline   Kind = "landline" // fixed line with area code
	IDCard     Kind = "id_card"  // resident identity card, 18 or 15 digits
	BankCard   Kind = "bank_card"
	Email      Kind = "email"
	USCC       Kind = "uscc" // 统一社会信用代码: a company, reported but kept
	PersonName Kind = "person_name"
	Address    Kind = "address"
	BuyerID    Kind = "buyer_id" // account name, nick, Alipay account: by header only
)

// Kinds lists every kind, None first.
func Kinds() []Kind {
	return []Kind{None, Phone, Landline, IDCard, BankCard, Email, USCC, PersonName, Address, BuyerID}
}

// TextKinds are the kinds the text detector finds.
func TextKinds() []Kind { return []Kind{Phone, Landline, IDCard, BankCard, Email, USCC} }

// Action is what happens to a value.
type Action string

// The actions.
const (
	ActionKeep       Action = "keep"       // verbatim, not even scanned
	ActionScan       Action = "scan"       // free text: detected spans are masked
	ActionPseudonym  Action = "pseudonym"  // stable token, e.g. m_7f3k9q2m4x
	ActionPartial    Action = "partial"    // 138****8000
	ActionGeneralize Action = "generalize" // address → 浙江省/杭州市
	ActionReduce     Action = "reduce"     // name → 张**
	ActionDrop       Action = "drop"       // empty cell
)

// Actions lists every action.
func Actions() []Action {
	return []Action{ActionKeep, ActionScan, ActionPseudonym, ActionPartial, ActionGeneralize, ActionReduce, ActionDrop}
}

// ParseAction reads an action name as written on a command line.
func ParseAction(s string) (Action, error) {
	for _, a := range Actions() {
		if string(a) == s {
			return a, nil
		}
	}
	return "", fmt.Errorf("mask: unknown action %q (want keep, scan, pseudonym, partial, generalize, reduce or drop)", s)
}

// DefaultAction is the action for a column of kind k.
func DefaultAction(k Kind) Action {
	switch k {
	case Phone, IDCard, BankCard, Email, BuyerID:
		return ActionPseudonym
	case Landline:
		return ActionPartial
	case PersonName:
		return ActionReduce
	case Address:
		return ActionGeneralize
	case USCC:
		return ActionKeep
	}
	return ActionScan
}

// MinKeyLen is the shortest key New accepts.
const MinKeyLen = 32

// Options tune a Masker.
type Options struct {
	// Ref is the reference date: a resident ID whose birth date is after it
	// is not an ID. The zero time skips that check.
	Ref time.Time
	// Text overrides the action per kind for spans found in free text;
	// kinds not named get DefaultAction.
	Text map[Kind]Action
}

// Masker detects and masks. It is safe for concurrent use; a Plan is not.
type Masker struct {
	key  []byte
	macs sync.Pool // of hash.Hash: HMAC set-up was a third of masking dense text
	ref  string    // YYYYMMDD of Options.Ref, "" when unset
	text map[Kind]Action
}

// New returns a Masker keyed by key (at least MinKeyLen bytes).
func New(key []byte, opt Options) (*Masker, error) {
	if len(key) < MinKeyLen {
		return nil, errors.New("mask: key shorter than 32 bytes")
	}
	m := &Masker{key: append([]byte(nil), key...), text: map[Kind]Action{}}
	m.macs.New = func() any { return hmac.New(sha256.New, m.key) }
	if !opt.Ref.IsZero() {
		m.ref = opt.Ref.Format("20060102")
	}
	for _, k := range TextKinds() {
		m.text[k] = DefaultAction(k)
	}
	for k, a := range opt.Text {
		m.text[k] = a
	}
	return m, nil
}

// tokenAlphabet is Crockford's base32: no i, l, o, u, so tokens read back
// unambiguously.
const tokenAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

var tokenPrefix = map[Kind]string{Phone: "m", Landline: "t", IDCard: "i", BankCard: "b", Email: "e",
	USCC: "c", PersonName: "n", Address: "a", BuyerID: "u", None: "x"}

// Pseudonym is the token of value as kind k: the first 50 bits of
// HMAC-SHA256(key, kind, normalised value) in base32 after a kind letter.
// Equal values in any written form give the same token.
func (m *Masker) Pseudonym(k Kind, value string) string {
	h := m.macs.Get().(hash.Hash)
	defer m.macs.Put(h)
	h.Reset()
	return m.token(h, k, normalize(k, value))
}

func (m *Masker) token(h hash.Hash, k Kind, norm string) string {
	h.Write([]byte(k))
	h.Write([]byte{0})
	h.Write([]byte(norm))
	var arr [sha256.Size]byte
	sum := h.Sum(arr[:0])
	var buf [12]byte
	buf[0], buf[1] = tokenPrefix[k][0], '_'
	v := uint64(sum[0])<<56 | uint64(sum[1])<<48 | uint64(sum[2])<<40 | uint64(sum[3])<<32 |
		uint64(sum[4])<<24 | uint64(sum[5])<<16 | uint64(sum[6])<<8
	for i := range 10 {
		buf[2+i] = tokenAlphabet[v>>59]
		v <<= 5
	}
	return string(buf[:])
}

// Value masks one whole value of kind k with action a.
func (m *Masker) Value(k Kind, a Action, value string) string {
	if value == "" {
		return ""
	}
	switch a {
	case ActionKeep:
		return value
	case ActionScan:
		out, _ := m.Text(value)
		return out
	case ActionDrop:
		return ""
	case ActionPseudonym:
		return m.Pseudonym(k, value)
	case ActionGeneralize:
		if k == Address || k == None {
			g, _ := Generalize(value)
			return g
		}
	case ActionReduce:
		if k == PersonName || k == None || k == BuyerID {
			return ReduceName(value)
		}
	}
	return Partial(k, value)
}
