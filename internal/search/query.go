package search

import (
	"strings"
	"unicode/utf8"
)

// Term is one token to match; Prefix matches any token it begins (the last
// word typed while searching as you type).
type Term struct {
	Text   string
	Prefix bool
}

// Alt is one way to match a part of the query: all its terms must match.
type Alt []Term

// Group is one part of the query: any of its alternatives may match. A
// document matches the query when every group matches.
type Group struct {
	Text string // the part of the query it came from
	Alts []Alt
}

// Query is a parsed query. Highlight holds the words to mark in snippets
// (query words and synonyms); Pinyin the pinyin words typed, whose Chinese
// words are marked too.
type Query struct {
	Raw       string
	Groups    []Group
	Highlight []string
	Pinyin    []string
}

// Empty reports whether there is nothing to search for.
func (q Query) Empty() bool { return len(q.Groups) == 0 }

// MaxQueryRunes bounds a query; the rest is ignored.
const MaxQueryRunes = 100

// Parse parses a query: Han text is cut into words as documents are, a
// part naming a synonym matches any word of its group, and runs of Latin
// letters that spell pinyin syllables also match the pinyin of Chinese
// words. prefix makes the last word a prefix (search as you type).
func (s *Segmenter) Parse(raw string, syn *Synonyms, prefix bool) Query {
	q := Query{Raw: raw}
	if utf8.RuneCountInString(raw) > MaxQueryRunes {
		raw = string([]rune(raw)[:MaxQueryRunes])
	}
	rs := runs(Normalize(raw))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isHan([]rune(r)[0]) {
			s.parseHan(&q, r, syn)
			continue
		}
		j := i
		for j+1 < len(rs) && !isHan([]rune(rs[j+1])[0]) && IsPinyin(rs[j+1]) && IsPinyin(r) {
			j++
		}
		s.parseLatin(&q, rs[i:j+1], syn)
		i = j
	}
	if prefix && len(q.Groups) > 0 && !strings.HasSuffix(raw, " ") {
		q.prefixLast()
	}
	q.Highlight = dedupe(q.Highlight)
	return q
}

// parseHan scans a run of Han text for synonyms (longest first); the text
// between them is cut into words, each its own group.
func (s *Segmenter) parseHan(q *Query, run string, syn *Synonyms) {
	rest := []rune(run)
	for len(rest) > 0 {
		at, n, members := syn.find(rest)
		if at < 0 {
			s.addWords(q, string(rest))
			return
		}
		s.addWords(q, string(rest[:at]))
		q.Groups = append(q.Groups, s.synonymGroup(string(rest[at:at+n]), members))
		q.Highlight = append(q.Highlight, members...)
		rest = rest[at+n:]
	}
}

// addWords adds a group per word; a single Han character matches every
// word it begins (退 finds 退款 and 退货), since characters are not indexed
// on their own.
func (s *Segmenter) addWords(q *Query, text string) {
	for _, w := range s.Words(text) {
		one := utf8.RuneCountInString(w) == 1 && isHan([]rune(w)[0])
		q.Groups = append(q.Groups, Group{Text: w, Alts: []Alt{{{Text: w, Prefix: one}}}})
		q.Highlight = append(q.Highlight, w)
	}
}

// parseLatin handles runs of letters and digits; consecutive pinyin runs
// ("tui kuan") also match joined ("tuikuan").
func (s *Segmenter) parseLatin(q *Query, rs []string, syn *Synonyms) {
	if len(rs) > 1 {
		joined := strings.Join(rs, "")
		g := Group{Text: strings.Join(rs, " "), Alts: []Alt{{{Text: joined}}}}
		var each Alt
		for _, r := range rs {
			each = append(each, Term{Text: r})
		}
		g.Alts = append(g.Alts, each)
		q.Groups = append(q.Groups, g)
		q.Pinyin = append(q.Pinyin, joined)
		q.Highlight = append(q.Highlight, rs...)
		return
	}
	r := rs[0]
	if members := syn.lookup(r); members != nil {
		q.Groups = append(q.Groups, s.synonymGroup(r, members))
		q.Highlight = append(q.Highlight, members...)
		return
	}
	q.Groups = append(q.Groups, Group{Text: r, Alts: []Alt{{{Text: r}}}})
	q.Highlight = append(q.Highlight, r)
	if IsPinyin(r) {
		q.Pinyin = append(q.Pinyin, r)
	}
}

// synonymGroup matches any member of a synonym group, each member being
// the words it is cut into.
func (s *Segmenter) synonymGroup(text string, members []string) Group {
	g := Group{Text: text}
	for _, m := range members {
		var alt Alt
		for _, w := range s.Words(m) {
			alt = append(alt, Term{Text: w})
		}
		if len(alt) > 0 {
			g.Alts = append(g.Alts, alt)
		}
	}
	g.Alts = dropSupersets(g.Alts)
	return g
}

// dropSupersets removes alternatives holding every term of a shorter one
// (退货+退款 beside 退款): they match nothing more, and would only raise
// the score of documents that happen to hold the extra words.
func dropSupersets(alts []Alt) []Alt {
	var out []Alt
	for i, a := range alts {
		redundant := false
		for j, b := range alts {
			if i != j && (len(b) < len(a) || (len(b) == len(a) && j < i)) && covers(a, b) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, a)
		}
	}
	return out
}

func covers(a, b Alt) bool {
	for _, t := range b {
		found := false
		for _, u := range a {
			if u == t {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// prefixLast lets the last typed Latin word match as a prefix, as long as
// it is a single word of at least two letters (one letter would match
// half the index).
func (q *Query) prefixLast() {
	g := &q.Groups[len(q.Groups)-1]
	if len(g.Alts) != 1 || len(g.Alts[0]) != 1 {
		return
	}
	t := g.Alts[0][0].Text
	if len(t) >= 2 && !isHan([]rune(t)[0]) {
		g.Alts[0][0].Prefix = true
		q.Pinyin = append(q.Pinyin, t)
	}
}

func dedupe(ws []string) []string {
	seen := map[string]bool{}
	out := ws[:0]
	for _, w := range ws {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
