package app_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

// xlsxHeader is enough of a zip for sniffing; the name makes it XLSX.
var xlsxHeader = []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")

// TestLessonFiles: only content editors upload lesson files, of the
// allowed types and sizes, refused with a localized message; a published
// lesson's image and attachment are readable by any learner; replacing
// the image is a new version that links to a new file, while the old
// version keeps showing the old one; a link to a file that is not a
// lesson file is refused.
func TestLessonFiles(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	b, err := i18n.New()
	e.must(err)

	if _, err := e.app.UploadLessonFile(e.ctx, learner, "漏斗.png", bytes.NewReader(pngHeader)); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner uploaded a lesson file: %v", err)
	}
	for name, r := range map[string]io.Reader{
		"setup.exe": bytes.NewReader([]byte("MZ\x90\x00")),
		"big.png":   io.MultiReader(bytes.NewReader(pngHeader), bytes.NewReader(make([]byte, 20<<20))),
	} {
		_, err := e.app.UploadLessonFile(e.ctx, trainer, name, r)
		var de *shopdojo.Error
		if !errors.As(err, &de) || de.Kind != shopdojo.KindInvalid {
			t.Fatalf("%s: %v", name, err)
		}
		zh, en := b.T("zh-CN", de.Msg, de.Args), b.T("en", de.Msg, de.Args)
		if zh == de.Msg || en == de.Msg || zh == en || (name == "big.png" && !strings.Contains(zh, "20 MB")) {
			t.Errorf("%s: messages %q / %q", name, zh, en)
		}
	}
	img, err := e.app.UploadLessonFile(e.ctx, trainer, "转化漏斗.png", bytes.NewReader(pngHeader))
	e.must(err)
	tpl, err := e.app.UploadLessonFile(e.ctx, trainer, "数据日报模板.xlsx", bytes.NewReader(xlsxHeader))
	e.must(err)
	if !img.Image() || tpl.Image() || tpl.Label() != "XLSX" || img.Markdown() != "![转化漏斗](/files/"+img.ID+")" ||
		tpl.Markdown() != "[数据日报模板.xlsx](/files/"+tpl.ID+")" {
		t.Fatalf("files %+v %+v", img, tpl)
	}

	const unit = "m01-c01-u01"
	mid := saveLessonWith(t, e, trainer, mgr, unit, "\n"+img.Markdown()+"\n\n下载"+tpl.Markdown()+"填写。\n", "加漏斗图和日报模板")
	v, err := e.app.OpenUnit(e.ctx, learner, unit)
	e.must(err)
	files, err := e.app.LessonFiles(e.ctx, learner, v.Unit.Body, v.Unit.BodyEN)
	e.must(err)
	if len(files) != 2 || files[img.ID].Name != "转化漏斗.png" {
		t.Fatalf("lesson files %+v", files)
	}
	if att := app.Attachments(v.Unit.Body, files); len(att) != 1 || att[0].ID != tpl.ID {
		t.Fatalf("attachments %+v", att)
	}
	f, obj, err := e.app.OpenFile(e.ctx, learner, img.ID)
	e.must(err)
	obj.Close()
	if f.ContentType != "image/png" {
		t.Fatalf("image %+v", f)
	}

	// Replace the image: version 3 links to the new file, version 2 keeps the old.
	img2, err := e.app.UploadLessonFile(e.ctx, trainer, "转化漏斗.png", bytes.NewReader(append(pngHeader, 1)))
	e.must(err)
	in, err := e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	in.Body, in.Note, in.Submit = strings.ReplaceAll(in.Body, img.ID, img2.ID), "换成新版漏斗图", true
	_, err = e.app.SaveLesson(e.ctx, trainer, in)
	e.must(err)
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 3, true, ""))
	v, err = e.app.OpenUnit(e.ctx, learner, unit)
	e.must(err)
	if v.Version != 3 || !strings.Contains(v.Unit.Body, img2.ID) || strings.Contains(v.Unit.Body, img.ID) {
		t.Fatalf("version %d body %q", v.Version, v.Unit.Body)
	}
	old, err := e.app.MaterialVersion(e.ctx, trainer, mid, 2)
	e.must(err)
	if !strings.Contains(old.Version.Body, "/files/"+img.ID) {
		t.Fatal("version 2 lost its image")
	}
	_, obj, err = e.app.OpenFile(e.ctx, learner, img.ID)
	e.must(err)
	obj.Close()

	// A link to anything but a lesson file is refused on the body field.
	in, err = e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	in.Body, in.Note = in.Body+"\n![x](/files/nope)\n", "坏链接"
	_, err = e.app.SaveLesson(e.ctx, trainer, in)
	var de *shopdojo.Error
	if !errors.As(err, &de) || de.Fields["body"] != "attach.err_unknown_file" {
		t.Fatalf("a link to no file: %v", err)
	}
}

// saveLessonWith appends extra to a unit's Chinese text, submits it and
// publishes it; it returns the text's material id.
func saveLessonWith(t *testing.T, e *env, trainer, mgr app.Actor, unit, extra, note string) string {
	t.Helper()
	in, err := e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	in.Body, in.Note, in.Submit = in.Body+extra, note, true
	mid, err := e.app.SaveLesson(e.ctx, trainer, in)
	e.must(err)
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, in.BaseNo+1, true, ""))
	return mid
}

// TestContentAssetsRoundTrip: an export writes a lesson's files into its
// module's assets folder with relative links; importing that export into
// the same installation changes nothing, into a fresh one stores the
// files again; and every export is byte for byte the same.
func TestContentAssetsRoundTrip(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	rep, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	img, err := e.app.UploadLessonFile(e.ctx, trainer, "转化漏斗.png", bytes.NewReader(pngHeader))
	e.must(err)
	tpl, err := e.app.UploadLessonFile(e.ctx, trainer, "数据 日报模板.xlsx", bytes.NewReader(xlsxHeader))
	e.must(err)
	saveLessonWith(t, e, trainer, mgr, "m01-c01-u01", "\n"+img.Markdown()+"\n\n下载"+tpl.Markdown()+"。\n", "加图")

	first, probs, err := e.app.ContentFiles(e.ctx, mgr)
	e.must(err)
	if len(probs) > 0 {
		t.Fatalf("export problems %v", probs)
	}
	f, obj, err := e.app.OpenFile(e.ctx, mgr, img.ID)
	e.must(err)
	obj.Close()
	asset := "modules/01-platform-basics/assets/" + f.Key[:8] + "-转化漏斗.png"
	lesson := string(first["modules/01-platform-basics/courses/01-platform-rules/01-platform-business-models.md"])
	if !bytes.Equal(first[asset], pngHeader) || !strings.Contains(lesson, "![转化漏斗](../../assets/"+f.Key[:8]+"-转化漏斗.png)") ||
		strings.Contains(lesson, "/files/") || !strings.Contains(lesson, "-数据-日报模板.xlsx)") {
		t.Fatalf("export: asset %q, lesson %q", first[asset], lesson)
	}
	again, err := e.app.ImportContent(e.ctx, mgr, mapFS(first), "")
	e.must(err)
	if again.Created+again.Updated+again.Archived != 0 || again.Unchanged != rep.Files {
		t.Fatalf("re-import changed something: %+v", again)
	}
	second, _, err := e.app.ContentFiles(e.ctx, mgr)
	e.must(err)
	if diff := cmp.Diff(stringsOf(first), stringsOf(second)); diff != "" {
		t.Fatalf("second export differs:\n%s", diff)
	}

	fresh := newEnv(t)
	_, mgr2 := fresh.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err = fresh.app.ImportContent(fresh.ctx, mgr2, mapFS(first), "")
	fresh.must(err)
	third, _, err := fresh.app.ContentFiles(fresh.ctx, mgr2)
	fresh.must(err)
	if diff := cmp.Diff(stringsOf(first), stringsOf(third)); diff != "" {
		t.Fatalf("export from a fresh import differs:\n%s", diff)
	}

	// An asset of a refused type, or a link to a missing one, is a problem.
	bad := maps.Clone(first)
	bad["modules/01-platform-basics/assets/run.exe"] = []byte("MZ\x90\x00")
	delete(bad, asset)
	rep, err = e.app.ImportContent(e.ctx, mgr, mapFS(bad), "")
	if kind(err) != shopdojo.KindInvalid || len(rep.Problems) == 0 || rep.Problems[0].Msg != curriculum.MsgAssetMissing {
		t.Fatalf("missing asset: %v %+v", err, rep.Problems)
	}
	bad[asset] = pngHeader
	rep, err = e.app.ImportContent(e.ctx, mgr, mapFS(bad), "")
	if kind(err) != shopdojo.KindInvalid || len(rep.Problems) != 1 || rep.Problems[0].Msg != "attach.err_asset_type" {
		t.Fatalf("exe asset: %v %+v", err, rep.Problems)
	}
}

// TestDemoLessonFiles: the demo's funnel and reporting lessons show their
// charts in both languages and offer the daily report template.
func TestDemoLessonFiles(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1003")
	e.must(err)
	learner, err := e.app.ActorFor(e.ctx, p.ID)
	e.must(err)
	for unit, want := range map[string][]string{"m07-c02-u01": {"PNG"}, "m07-c03-u02": {"PNG", "XLSX"}} {
		v, err := e.app.OpenUnit(e.ctx, learner, unit)
		e.must(err)
		for _, body := range []string{v.Unit.Body, v.Unit.BodyEN} {
			files, err := e.app.LessonFiles(e.ctx, learner, body)
			e.must(err)
			var got []string
			for _, f := range files {
				got = append(got, f.Label())
				_, obj, err := e.app.OpenFile(e.ctx, learner, f.ID)
				e.must(err)
				head := make([]byte, 4)
				_, _ = io.ReadFull(obj, head)
				obj.Close()
				if f.Size < 1000 || (f.Label() == "PNG" && string(head[1:]) != "PNG") || (f.Label() == "XLSX" && string(head[:2]) != "PK") {
					t.Errorf("%s: file %+v starts %q", unit, f, head)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) || v.Version != 2 {
				t.Errorf("%s (version %d): files %v", unit, v.Version, got)
			}
		}
	}
}
