package search

import "strings"

// Synonyms is a set of synonym groups (客单价 = AOV = 客单): a query part
// naming any member matches documents holding any member.
type Synonyms struct {
	groups  [][]string
	byTerm  map[string]int // normalized member → group
	maxHanN int            // longest member in runes
}

// NewSynonyms indexes groups; members are normalized, empty ones dropped.
func NewSynonyms(groups [][]string) *Synonyms {
	s := &Synonyms{byTerm: map[string]int{}}
	for _, g := range groups {
		var members []string
		for _, m := range g {
			if m = strings.TrimSpace(Normalize(m)); m != "" {
				members = append(members, m)
			}
		}
		if len(members) < 2 {
			continue
		}
		for _, m := range members {
			s.byTerm[m] = len(s.groups)
			s.maxHanN = max(s.maxHanN, len([]rune(m)))
		}
		s.groups = append(s.groups, members)
	}
	return s
}

// lookup returns the group of a whole term, or nil.
func (s *Synonyms) lookup(term string) []string {
	if s == nil {
		return nil
	}
	if g, ok := s.byTerm[term]; ok {
		return s.groups[g]
	}
	return nil
}

// find returns the first, longest member occurring in text: its start and
// length in runes and its group; at is -1 when none occurs.
func (s *Synonyms) find(text []rune) (at, n int, members []string) {
	if s == nil {
		return -1, 0, nil
	}
	for i := range text {
		for l := min(s.maxHanN, len(text)-i); l >= 2; l-- {
			if m := s.lookup(string(text[i : i+l])); m != nil {
				return i, l, m
			}
		}
	}
	return -1, 0, nil
}
