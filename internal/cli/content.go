package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/curriculum"
)

func contentCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "content", Short: "Content packs: the curriculum as Markdown files (see docs/content-pack.md)"}
	var builtin bool
	check := &cobra.Command{Use: "check [DIR]", Short: "Read a content pack and report its problems and what each module holds",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			fsys, err := packFS(args, builtin)
			if err != nil {
				return err
			}
			return e.checkPack(fsys)
		}}
	check.Flags().BoolVar(&builtin, "builtin", false, "check the built-in starter curriculum")
	var force bool
	export := &cobra.Command{Use: "export DIR", Short: "Write the built-in starter curriculum as a content pack to DIR",
		Long: `Writes the built-in starter curriculum to DIR in the content-pack layout,
so a company can keep its own curriculum in git starting from ShopDojo's.
DIR must be empty or missing unless --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return e.exportBuiltin(args[0], force) }}
	export.Flags().BoolVar(&force, "force", false, "write into a directory that is not empty")
	export.Flags().BoolVar(&builtin, "builtin", false, "export the built-in starter curriculum (required)")
	_ = export.MarkFlagRequired("builtin")
	c.AddCommand(check, export)
	return c
}

func packFS(args []string, builtin bool) (fs.FS, error) {
	switch {
	case builtin && len(args) == 0:
		return curriculum.Builtin(), nil
	case !builtin && len(args) == 1:
		if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("content pack %s: not a directory", args[0])
		}
		return os.DirFS(args[0]), nil
	}
	return nil, errors.New("name a content pack directory or --builtin")
}

// checkPack prints each module's counts and every problem, localized.
func (e *env) checkPack(fsys fs.FS) error {
	p, probs := curriculum.Read(fsys)
	fmt.Fprintf(e.io.Out, "%s %s (%s): %d modules\n", p.ID, p.Title, p.Version, len(p.Modules))
	for _, m := range p.Modules {
		c := curriculum.Count(m)
		fmt.Fprintf(e.io.Out, "  %-4s %-8s %-24s %d courses, %d units, %d lessons, %d SOPs, %d cases, %d questions\n",
			m.ID, m.Status, m.Title, c.Courses, c.Units, c.Lessons, c.SOPs, c.Cases, c.Questions)
	}
	tr := e.bundle()
	for _, pr := range probs {
		msg := pr.Msg
		if tr != nil {
			msg = tr.T(e.lang, pr.Msg, pr.Args)
		}
		where := pr.File
		if pr.Line > 0 {
			where = fmt.Sprintf("%s:%d", pr.File, pr.Line)
		}
		if pr.Field != "" {
			where += " " + pr.Field
		}
		fmt.Fprintf(e.io.Err, "%s: %s\n", where, msg)
	}
	if len(probs) > 0 {
		return fmt.Errorf("content pack: %d problems", len(probs))
	}
	fmt.Fprintln(e.io.Out, "no problems")
	return nil
}

func (e *env) exportBuiltin(dir string, force bool) error {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 && !force {
		return fmt.Errorf("content export: %s is not empty (use --force to write into it)", dir)
	}
	p, probs := curriculum.Read(curriculum.Builtin())
	if len(probs) > 0 {
		return fmt.Errorf("content export: the built-in pack has %d problems", len(probs))
	}
	files, err := curriculum.Files(p)
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("content export: %w", err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("content export: %w", err)
		}
	}
	fmt.Fprintf(e.io.Out, "wrote %d files of %s (%d modules) to %s\n", len(files), p.ID, len(p.Modules), dir)
	return nil
}
