package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

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
	c.AddCommand(check, contentExportCmd(e), contentImportCmd(e))
	return c
}

func contentExportCmd(e *env) *cobra.Command {
	var force, builtin bool
	export := &cobra.Command{Use: "export DIR", Short: "Write the stored curriculum (or the built-in one) as a content pack to DIR",
		Long: `Writes the curriculum stored in the database to DIR in the content-pack
layout (the published version of every file, each module's questions from
its bank), so a company can keep its curriculum in git. With --builtin it
writes ShopDojo's built-in starter curriculum instead. DIR must be empty or
missing unless --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if builtin {
				return e.exportBuiltin(args[0], force)
			}
			return e.exportStored(cmd.Context(), args[0], force)
		}}
	export.Flags().BoolVar(&force, "force", false, "write into a directory that is not empty")
	export.Flags().BoolVar(&builtin, "builtin", false, "export the built-in starter curriculum, not the stored one")
	return export
}

func contentImportCmd(e *env) *cobra.Command {
	var builtin bool
	var as, note string
	imp := &cobra.Command{Use: "import [DIR]", Short: "Store a content pack (or --builtin) as the curriculum",
		Long: `Reads a content pack and stores it as the curriculum in one transaction:
files that changed become new published versions, files the pack no longer
has are archived, questions go to each module's bank, test units and stage
exams become exams. A pack with problems imports nothing; importing the
same pack again changes nothing. --as names the training manager (by
employee number) the import is recorded under and who owns the banks.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys, err := packFS(args, builtin)
			if err != nil {
				return err
			}
			return e.importPack(cmd.Context(), fsys, as, note)
		}}
	imp.Flags().BoolVar(&builtin, "builtin", false, "import the built-in starter curriculum")
	imp.Flags().StringVar(&as, "as", "", "employee number of the training manager importing (required)")
	imp.Flags().StringVar(&note, "note", "", "change note of the versions the import makes")
	_ = imp.MarkFlagRequired("as")
	return imp
}

func (e *env) importPack(ctx context.Context, fsys fs.FS, as, note string) error {
	inst, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer inst.Close()
	p, err := inst.App.PersonByEmployeeNo(ctx, cliActor, as)
	if err != nil {
		return fmt.Errorf("content import: no one has employee number %q", as)
	}
	ac, err := inst.App.ActorFor(ctx, p.ID)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, err := inst.App.ImportContent(ctx, ac, fsys, note)
	e.printProblems(rep.Problems)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.io.Out, "%s: %d modules, %d files (%d new, %d changed, %d unchanged, %d archived, %d restored), "+
		"%d questions (%d changed), %d exams (%d new), %d rules, %d assigned in %v\n",
		rep.Pack, rep.Modules, rep.Files, rep.Created, rep.Updated, rep.Unchanged, rep.Archived, rep.Restored,
		rep.Questions, rep.QuestionsChanged, rep.Exams, rep.ExamsCreated, rep.Rules, rep.Assigned,
		time.Since(start).Round(time.Millisecond))
	return nil
}

func (e *env) exportStored(ctx context.Context, dir string, force bool) error {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 && !force {
		return fmt.Errorf("content export: %s is not empty (use --force to write into it)", dir)
	}
	inst, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer inst.Close()
	files, probs, err := inst.App.ContentFiles(ctx, cliActor)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("content export: no curriculum is stored (shopdojo content import --builtin --as … stores the starter one)")
	}
	e.printProblems(probs)
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	fmt.Fprintf(e.io.Out, "wrote %d files to %s\n", len(files), dir)
	return nil
}

func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("content export: %w", err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("content export: %w", err)
		}
	}
	return nil
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
	e.printProblems(probs)
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
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	fmt.Fprintf(e.io.Out, "wrote %d files of %s (%d modules) to %s\n", len(files), p.ID, len(p.Modules), dir)
	return nil
}

// printProblems prints a pack's problems, localized, one per line.
func (e *env) printProblems(probs []curriculum.Problem) {
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
}
