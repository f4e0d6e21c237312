package cli

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
)

func kbCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "kb", Short: "Knowledge base and search"}
	c.AddCommand(kbSearchCmd(e))
	return c
}

// kbSearchCmd searches as a person (--as EMPLOYEE_NO: exactly what they
// may open) or, by default, as the administrator (everything everyone,
// trainers and admins may open; documents shared with named people,
// departments or positions only when --as names one of them).
func kbSearchCmd(e *env) *cobra.Command {
	var in app.SearchInput
	var as string
	var asJSON, reindex bool
	c := &cobra.Command{Use: "search QUERY", Short: "Search lessons, SOPs, cases, knowledge items and questions",
		Args: cobra.MinimumNArgs(1)}
	f := c.Flags()
	f.StringVar(&as, "as", "", "employee number to search as (default: the administrator)")
	f.BoolVar(&asJSON, "json", false, "print the results as JSON (the API's shape)")
	f.StringVar(&in.Kind, "type", "", "kb, lesson, sop, case or question")
	f.StringVar(&in.Tag, "tag", "", "tag")
	f.StringVar(&in.Module, "module", "", "module id")
	f.IntVar(&in.Page, "page", 1, "page of 10 results")
	f.BoolVar(&reindex, "reindex", false, "index every source first (the server keeps the index current by itself)")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		inst, err := e.open(cmd.Context())
		if err != nil {
			return err
		}
		defer inst.Close()
		a, ctx := inst.App, cmd.Context()
		ac := cliActor
		if as != "" {
			p, err := a.PersonByEmployeeNo(ctx, cliActor, as)
			if err != nil {
				return fmt.Errorf("--as %q: %w", as, err)
			}
			if ac, err = a.ActorFor(ctx, p.ID); err != nil {
				return err
			}
		}
		if _, err := a.EnsureSearchIndex(ctx, reindex); err != nil {
			return err
		}
		in.Q = strings.Join(args, " ")
		res, err := a.Search(ctx, ac, in)
		if err != nil {
			return err
		}
		if asJSON {
			return printSearchJSON(e, res)
		}
		printSearch(e, res)
		return nil
	}
	return c
}

type cliHit struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
	Module  string `json:"module"`
}

func printSearchJSON(e *env, res app.SearchResults) error {
	out := struct {
		Query string   `json:"query"`
		Total int      `json:"total"`
		Page  int      `json:"page"`
		Pages int      `json:"pages"`
		Items []cliHit `json:"items"`
	}{Query: res.Input.Q, Total: res.Total, Page: res.Page, Pages: res.Pages, Items: []cliHit{}}
	for _, h := range res.Hits {
		out.Items = append(out.Items, cliHit{Type: h.Kind, ID: h.RefID, URL: h.URL, Title: plain(string(h.Title)),
			Snippet: plain(string(h.Snippet)), Module: h.Module})
	}
	enc := json.NewEncoder(e.io.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func printSearch(e *env, res app.SearchResults) {
	fmt.Fprintf(e.io.Out, "%d results for %q (page %d of %d)\n", res.Total, res.Input.Q, res.Page, res.Pages)
	w := tabwriter.NewWriter(e.io.Out, 2, 4, 2, ' ', 0)
	for _, h := range res.Hits {
		fmt.Fprintf(w, "%s\t%s\t%s\n", h.Kind, plain(string(h.Title)), h.URL)
		fmt.Fprintf(w, "\t%s\t\n", plain(string(h.Snippet)))
	}
	w.Flush()
}

// plain drops the <mark> tags and unescapes.
func plain(s string) string {
	return html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s))
}
