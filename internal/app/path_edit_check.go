package app

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// pathProblems writes the draft pack and reads it back: the problems of
// the path's file, each tied to its stage and item. A second onboarding
// path is reported on whichever file reads second, so it counts wherever
// it lands when the edit is an onboarding path.
func (dp *draftPack) pathProblems(pa curriculum.Path) []PathProblem {
	files, err := curriculum.Files(dp.x.Pack)
	if err != nil {
		return []PathProblem{{Stage: -1, Item: -1, Msg: "error.internal"}}
	}
	_, probs := curriculum.Read(packFS(files))
	var out []PathProblem
	for _, p := range probs {
		if p.File == dp.file || (pa.Onboarding && p.Msg == curriculum.MsgOnboardingTwice) {
			out = append(out, placeProblem(pa, p))
		}
	}
	return out
}

var fieldRE = regexp.MustCompile(`^stages\[(\d+)\](?:\.items\[(\d+)\])?(?:\.(.+))?$`)

// placeProblem finds the stage and item a reader problem is about: from
// its field ("stages[1].items[2]"), or from the items its prerequisite
// arguments name.
func placeProblem(pa curriculum.Path, p curriculum.Problem) PathProblem {
	out := PathProblem{Stage: -1, Item: -1, Field: p.Field, Msg: p.Msg, Args: p.Args}
	if m := fieldRE.FindStringSubmatch(p.Field); m != nil {
		out.Stage, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			out.Item, _ = strconv.Atoi(m[2])
		}
		out.Field = m[3]
		if out.Item >= 0 && out.Stage < len(pa.Stages) && out.Item < len(pa.Stages[out.Stage].Items) {
			out.Refs = []string{pa.Stages[out.Stage].Items[out.Item].Ref}
		}
		return out
	}
	switch p.Msg {
	case curriculum.MsgPathCycle:
		c, _ := p.Args["Cycle"].(string)
		out.Refs = strings.Split(c, " → ")
		out.Refs = out.Refs[:max(len(out.Refs)-1, 1)] // the first is repeated at the end
	case curriculum.MsgPathAfterUnknown, curriculum.MsgPathAfterLater:
		item, _ := p.Args["Item"].(string)
		out.Refs = []string{item}
	}
	if len(out.Refs) > 0 {
		out.Stage, out.Item = itemAt(pa, out.Refs[0])
	}
	return out
}

// itemAt is the stage and item index of ref in pa, or -1, -1.
func itemAt(pa curriculum.Path, ref string) (int, int) {
	for i, st := range pa.Stages {
		for j, it := range st.Items {
			if it.Ref == ref {
				return i, j
			}
		}
	}
	return -1, -1
}
