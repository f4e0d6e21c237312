package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-ego/gse"
	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/width"
)

// ErrNotReady is returned while the dictionary is still loading.
var ErrNotReady = errors.New("search: dictionary not loaded yet")

// Segmenter cuts text into index tokens with gse's embedded simplified
// Chinese dictionary. The dictionary (about 130 MB of heap, one to three
// seconds) is loaded once by Load, which the server runs in a goroutine;
// nothing on a request path ever loads it.
type Segmenter struct {
	once   sync.Once
	ready  chan struct{}
	seg    gse.Segmenter
	err    error
	took   time.Duration
	py     pinyin.Args
	runePy sync.Map // rune → its pinyin (a few thousand entries at most)
	fpOnce sync.Once
	fp     string // Fingerprint
}

// NewSegmenter returns a segmenter whose dictionary is not loaded yet.
func NewSegmenter() *Segmenter {
	a := pinyin.NewArgs()
	a.Fallback = func(rune, pinyin.Args) []string { return nil }
	return &Segmenter{ready: make(chan struct{}), py: a}
}

// Load loads the embedded dictionary (only the first call does work) and
// then marks the segmenter ready.
func (s *Segmenter) Load() error {
	s.once.Do(func() {
		t := time.Now()
		s.seg.SkipLog = true
		s.err = s.seg.LoadDictEmbed("zh_s")
		s.took = time.Since(t)
		close(s.ready)
	})
	return s.err
}

// Fingerprint identifies what the loaded segmenter makes of a probe
// text: index stamps that include it go stale when the dictionary, the
// tokenizer or the pinyin change. Call it only once the dictionary is
// loaded.
func (s *Segmenter) Fingerprint() string {
	s.fpOnce.Do(func() {
		d := s.Index(Doc{Kind: "probe", RefID: "1", Title: "退款退货流程 Refund SOP",
			Body: "客服专员在千牛工作台处理售后工单，直通车推广ROI与客单价。测试 tuikuan"})
		h := sha256.Sum256([]byte(d.TitleTokens + "\x00" + d.Tokens + "\x00" + d.Pinyin))
		s.fp = hex.EncodeToString(h[:8])
	})
	return s.fp
}

// LoadTime is how long Load took (0 before it finished).
func (s *Segmenter) LoadTime() time.Duration {
	if !s.IsReady() {
		return 0
	}
	return s.took
}

// Ready is closed once the dictionary is loaded.
func (s *Segmenter) Ready() <-chan struct{} { return s.ready }

// IsReady reports whether the dictionary is loaded.
func (s *Segmenter) IsReady() bool {
	select {
	case <-s.ready:
		return true
	default:
		return false
	}
}

// Wait waits up to d for the dictionary; ErrNotReady if it is still loading.
func (s *Segmenter) Wait(ctx context.Context, d time.Duration) error {
	if s.IsReady() {
		return s.err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-s.ready:
		return s.err
	case <-t.C:
		return ErrNotReady
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Normalize folds full-width forms to half width and ASCII to lower case.
func Normalize(text string) string {
	return strings.ToLower(width.Fold.String(text))
}

// Index returns a document with its title, body and pinyin tokens.
func (s *Segmenter) Index(d Doc) Indexed {
	title := s.tokens(d.Title + " " + strings.Join(d.Tags, " "))
	body := s.tokens(d.Body)
	return Indexed{Doc: d, TitleTokens: strings.Join(title.words, " "),
		Tokens: strings.Join(body.words, " "), Pinyin: strings.Join(append(title.pinyin, body.pinyin...), " ")}
}

type tokenSet struct{ words, pinyin []string }

// tokens cuts text into words (gse's accurate mode with HMM for unknown
// words) and adds, for every Chinese word of three or more characters,
// its bigrams (so every two-character part of 直通车 matches, as search
// mode would give), plus
// the joined pinyin of each word and of each pair of neighbouring words
// (kedanjia for 客 单价). Queries are cut the same way.
func (s *Segmenter) tokens(text string) tokenSet {
	var ts tokenSet
	for _, run := range runs(Normalize(text)) {
		if !isHan([]rune(run)[0]) {
			ts.words = append(ts.words, run)
			continue
		}
		prev := ""
		for _, w := range s.seg.Cut(run, true) {
			if w = strings.TrimSpace(w); w == "" {
				continue
			}
			ts.words = appendParts(ts.words, w)
			p := s.Pinyin(w)
			if p == "" {
				prev = ""
				continue
			}
			ts.pinyin = append(ts.pinyin, p)
			if prev != "" {
				ts.pinyin = append(ts.pinyin, prev+p)
			}
			prev = p
		}
	}
	return ts
}

// appendParts appends a Han word and, for words of three or more
// characters, its bigrams. Single characters are not indexed: a
// one-character query matches as a prefix instead (Query.prefixHan).
func appendParts(out []string, w string) []string {
	out = append(out, w)
	r := []rune(w)
	for i := 0; len(r) > 2 && i+2 <= len(r); i++ {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// Words cuts a query text into words the way documents are cut, but in
// accurate mode (one reading of the text, not its parts).
func (s *Segmenter) Words(text string) []string {
	var out []string
	for _, run := range runs(Normalize(text)) {
		if !isHan([]rune(run)[0]) {
			out = append(out, run)
			continue
		}
		for _, w := range s.seg.Cut(run, true) {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// runePinyin is one character's toneless pinyin, remembered.
func (s *Segmenter) runePinyin(c rune) string {
	if p, ok := s.runePy.Load(c); ok {
		return p.(string)
	}
	p := strings.Join(pinyin.LazyPinyin(string(c), s.py), "")
	s.runePy.Store(c, p)
	return p
}

// Pinyin is the toneless pinyin of the Han characters of w, joined.
func (s *Segmenter) Pinyin(w string) string {
	return strings.Join(pinyin.LazyPinyin(w, s.py), "")
}

// runs splits text into maximal runs of Han characters and of ASCII-ish
// letters or digits.
func runs(text string) []string {
	var out []string
	start, cls := -1, 0
	flush := func(i int) {
		if start >= 0 {
			out = append(out, text[start:i])
		}
		start, cls = -1, 0
	}
	for i, r := range text {
		c := classOf(r)
		if c != cls {
			flush(i)
			if c != 0 {
				start, cls = i, c
			}
		}
	}
	flush(len(text))
	return out
}

func classOf(r rune) int {
	switch {
	case isHan(r):
		return 1
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return 2
	}
	return 0
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// Cut is gse's own accurate-mode cut (with HMM) of text, nothing added:
// the bare segmentation rate the benchmark compares indexing with.
func (s *Segmenter) Cut(text string) []string { return s.seg.Cut(text, true) }
