package web

import (
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/itemstats"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// examFuncs are the template functions of the exam pages.
var examFuncs = template.FuncMap{
	"exStatuses": func() []string {
		return []string{shopdojo.ExamDraft, shopdojo.ExamPublished, shopdojo.ExamArchived}
	},
	"at": func(s []string, i int) string {
		if i >= 0 && i < len(s) {
			return s[i]
		}
		return ""
	},
	"rankOf": func(order []string, key string) int { return slices.Index(order, key) + 1 },
	"upto": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	},
	"takeArgs": func(p *page, it quiz.Item, r quiz.Response, name string, letters []string) answerArgs {
		return answerArgs{P: p, Item: it, Response: r, Name: name, Letters: letters}
	},
	"respArgs": func(p *page, it quiz.Item, r quiz.Response, q *quiz.Question, letters []string) respArgs {
		return respArgs{P: p, Item: it, Response: r, Question: q, Letters: letters}
	},
	"gradeArgs": func(p *page, pos int, sub string, res *quiz.Result, q *quiz.Question) gradeArgs {
		g := gradeArgs{P: p, Pos: pos, Sub: sub, Question: q}
		if res != nil {
			g.Max = res.Max
			if res.State != quiz.NeedsGrading {
				g.Current = strconv.FormatFloat(res.Points, 'f', -1, 64)
			}
		}
		return g
	},
	"optText":    func(it quiz.Item, key string) string { return optionText(it.Options, key) },
	"targetText": func(it quiz.Item, key string) string { return optionText(it.Targets, key) },
	"pct": func(s itemstats.Stat) string {
		if !s.Defined {
			return "—"
		}
		return strconv.FormatFloat(s.Value, 'f', 1, 64) + "%"
	},
	"num": func(s itemstats.Stat) string {
		if !s.Defined {
			return "—"
		}
		return strconv.FormatFloat(s.Value, 'f', 2, 64)
	},
	"optLabel": func(m app.StatItem, key string) string {
		if key == "T" || key == "F" {
			return key
		}
		return key + ". " + m.Options[key]
	},
	// relTime is how far after now t falls, in the largest whole unit
	// ("10 分钟", "3 天"), for the review buttons.
	"relTime": func(now, t time.Time) relDur {
		d := t.Sub(now)
		switch {
		case d < time.Hour:
			return relDur{"review.in_minutes", max(1, int(d/time.Minute))}
		case d < 24*time.Hour:
			return relDur{"review.in_hours", int(d / time.Hour)}
		case d < 60*24*time.Hour:
			return relDur{"review.in_days", int(d / (24 * time.Hour))}
		}
		return relDur{"review.in_months", int(d / (30 * 24 * time.Hour))}
	},
	"partials": func() []string { return []string{"exact", "subset_half", "proportional"} },
	"minutes":  func(d time.Duration) int { return int(d / time.Minute) },
	"hasVal":   func(f url.Values, k, v string) bool { return slices.Contains(f[k], v) },
}

// answerArgs is the argument of the exam page's "answerinputs" partial.
type answerArgs struct {
	P        *page
	Item     quiz.Item
	Response quiz.Response
	Name     string
	Letters  []string
}

// respArgs is the argument of the "responseview" partial.
type respArgs struct {
	P        *page
	Item     quiz.Item
	Response quiz.Response
	Question *quiz.Question
	Letters  []string
}

// gradeArgs is the argument of the "gradeform" partial.
type gradeArgs struct {
	P        *page
	Pos      int
	Sub      string
	Max      float64
	Current  string
	Question *quiz.Question
}

// relDur is a message id and its number, rendered by the page's T.
type relDur struct {
	ID string
	N  int
}

// optionText is the text of the option with key, or the key itself.
func optionText(opts []quiz.Option, key string) string {
	for _, o := range opts {
		if o.Key == key {
			return o.Text
		}
	}
	return key
}

// english reports whether a page in locale shows questions in English.
// The page's language decides, as for every other text on it.
func english(locale string) bool { return locale == "en" }

// shownItem is a question as a learner's page in locale shows it: with
// its English texts where translated on an English page. quiz.Item holds
// no explanation in either language, so nothing is revealed by this.
func shownItem(locale string, it quiz.Item) quiz.Item {
	if english(locale) {
		return it.English()
	}
	return it
}

// shownQuestion is a released question in the page's language, with its
// explanation; only ever called for a question the viewer may see whole.
func shownQuestion(locale string, q quiz.Question) quiz.Question {
	if english(locale) {
		return q.English()
	}
	return q
}
