package curriculum

import (
	"path"
	"unicode"
)

// What a complete module must hold (the minimum).
const (
	MinCourses   = 3
	MinLessons   = 8
	MinLessonHan = 600 // Chinese characters of a lesson's body
	MinSOPs      = 2
	MinQuestions = 20
	MinCases     = 2
	MinSOPSteps  = 5
)

// Counts is what a module holds.
type Counts struct {
	Courses, Units, Lessons, ShortLessons, SOPs, Cases, Questions, Explained int
}

// Count counts m; a lesson is a read unit, short when its Chinese body has
// fewer than MinLessonHan Han characters.
func Count(m Module) Counts {
	c := Counts{Courses: len(m.Courses), SOPs: len(m.SOPs), Cases: len(m.Cases), Questions: len(m.Questions)}
	for _, co := range m.Courses {
		for _, u := range co.Units {
			c.Units++
			if u.Kind == KindRead {
				c.Lessons++
				if Han(u.Body) < MinLessonHan {
					c.ShortLessons++
				}
			}
		}
	}
	for _, q := range m.Questions {
		if q.Explanation != "" || q.Rubric != "" {
			c.Explained++
		}
	}
	return c
}

// Han counts the Chinese characters of s.
func Han(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// complete reports what a module marked complete lacks.
func (r *reader) complete(dir string, m Module) {
	file := path.Join(dir, "module.md")
	c := Count(m)
	for _, x := range []struct {
		msg        string
		have, want int
	}{
		{MsgTooFewCourses, c.Courses, MinCourses}, {MsgTooFewLessons, c.Lessons, MinLessons}, {MsgTooFewSOPs, c.SOPs, MinSOPs},
		{MsgTooFewQuestions, c.Explained, MinQuestions}, {MsgTooFewCases, c.Cases, MinCases},
	} {
		if x.have < x.want {
			r.probs = append(r.probs, Problem{File: file, Msg: x.msg, Args: map[string]any{"Have": x.have, "Want": x.want}})
		}
	}
	for _, co := range m.Courses {
		for _, u := range co.Units {
			if n := Han(u.Body); u.Kind == KindRead && n < MinLessonHan {
				r.probs = append(r.probs, Problem{File: path.Join(dir, "courses", co.Dir, u.File), Msg: MsgLessonShort,
					Args: map[string]any{"Have": n, "Want": MinLessonHan}})
			}
		}
	}
	for _, s := range m.SOPs {
		if len(s.Steps) < MinSOPSteps {
			r.probs = append(r.probs, Problem{File: path.Join(dir, "sops", s.File), Field: "steps", Msg: MsgTooFewSteps,
				Args: map[string]any{"Have": len(s.Steps), "Want": MinSOPSteps}})
		}
	}
}
