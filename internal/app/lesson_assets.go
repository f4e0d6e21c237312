package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Images and attachments of curriculum texts. A text links to a file as
// /files/{id}; files are content-addressed and never deleted, so every
// version of a lesson keeps showing exactly the files it linked to, and
// replacing an image is a new version linking to a new file. In a content
// pack on disk the same links are relative paths into the module's assets
// folder (lesson_assets_pack.go).

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	pptxType = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)

var lessonTypes = []string{"image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf",
	xlsxType, docxType, pptxType, "text/csv", "application/zip"}

// LessonFile is a file a curriculum text links to.
type LessonFile struct {
	ID, Name, ContentType string
	Size                  int64
}

func lessonFile(f sqlq.File) LessonFile {
	return LessonFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size}
}

// Image reports whether the file is shown in place.
func (f LessonFile) Image() bool { return strings.HasPrefix(f.ContentType, "image/") }

var typeLabels = map[string]string{"image/png": "PNG", "image/jpeg": "JPG", "image/webp": "WEBP", "image/gif": "GIF",
	"application/pdf": "PDF", xlsxType: "XLSX", docxType: "DOCX", pptxType: "PPTX", "text/csv": "CSV", "application/zip": "ZIP"}

// Label is the file's type as its chip shows it.
func (f LessonFile) Label() string {
	if l, ok := typeLabels[f.ContentType]; ok {
		return l
	}
	return strings.ToUpper(strings.TrimPrefix(path.Ext(f.Name), "."))
}

// SizeText is the file's size for people: "820 B", "12 KB", "3.4 MB".
func (f LessonFile) SizeText() string {
	switch {
	case f.Size < 1<<10:
		return fmt.Sprintf("%d B", f.Size)
	case f.Size < 1<<20:
		return fmt.Sprintf("%d KB", (f.Size+512)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(f.Size)/(1<<20))
}

// Markdown is what the editor inserts for the file: an image, or a link
// that the lesson page shows as an attachment chip.
func (f LessonFile) Markdown() string {
	text := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(f.Name)
	if f.Image() {
		return "![" + strings.TrimSuffix(text, path.Ext(text)) + "](/files/" + f.ID + ")"
	}
	return "[" + text + "](/files/" + f.ID + ")"
}

// FileID is the id a link destination /files/{id} names.
func FileID(dest string) (string, bool) {
	id, ok := strings.CutPrefix(dest, "/files/")
	id, _, _ = strings.Cut(id, "?")
	if !ok || id == "" || strings.ContainsAny(id, "/#") {
		return "", false
	}
	return id, true
}

// fileIDs lists the files body links to, once each, in order.
func fileIDs(body string) []string {
	var ids []string
	seen := map[string]bool{}
	for _, dest := range curriculum.Links(body) {
		if id, ok := FileID(dest); ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// Attachments lists the files body links to that are not images, in
// order: the lesson page's 附件 box.
func Attachments(body string, files map[string]LessonFile) []LessonFile {
	var out []LessonFile
	for _, id := range fileIDs(body) {
		if f, ok := files[id]; ok && !f.Image() {
			out = append(out, f)
		}
	}
	return out
}

// UploadLessonFile stores an image or attachment for a curriculum text.
func (a *App) UploadLessonFile(ctx context.Context, ac Actor, name string, r io.Reader) (LessonFile, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return LessonFile{}, err
	}
	f, err := a.UploadFile(ctx, ac, PurposeLesson, name, r)
	var de *shopdojo.Error
	if errors.As(err, &de) && de.Msg == "error.file_type" {
		return LessonFile{}, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "attach.err_type",
			Fields: map[string]string{"file": "attach.err_type"}}
	}
	if err != nil {
		return LessonFile{}, err
	}
	return LessonFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size}, nil
}

type fileGetter interface {
	GetFile(ctx context.Context, id string) (sqlq.File, error)
}

// lessonFiles reads the lesson files that bodies link to; links to
// anything else are left out.
func lessonFiles(ctx context.Context, q fileGetter, bodies ...string) (map[string]LessonFile, error) {
	out := map[string]LessonFile{}
	for _, b := range bodies {
		for _, id := range fileIDs(b) {
			if _, done := out[id]; done {
				continue
			}
			f, err := q.GetFile(ctx, id)
			if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound {
				continue
			}
			if err != nil {
				return nil, err
			}
			if f.Purpose == PurposeLesson {
				out[id] = lessonFile(f)
			}
		}
	}
	return out, nil
}

// LessonFiles returns the lesson files that bodies link to, by id, for a
// page showing them to a signed-in person.
func (a *App) LessonFiles(ctx context.Context, ac Actor, bodies ...string) (map[string]LessonFile, error) {
	if ac.PersonID == "" && !ac.System {
		return nil, shopdojo.ErrUnauth
	}
	if !strings.Contains(strings.Join(bodies, ""), "/files/") {
		return nil, nil
	}
	var out map[string]LessonFile
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { out, err = lessonFiles(ctx, q, bodies...); return })
	return out, err
}

// checkFileLinks refuses an edit whose text links to a file that is not a
// lesson file (mistyped, or someone's evidence photo): field names the
// text area.
func (a *App) checkFileLinks(ctx context.Context, texts map[string]string) error {
	n := 0
	for _, body := range texts {
		n += len(fileIDs(body))
	}
	if n == 0 {
		return nil
	}
	return a.store.Read(ctx, func(q *store.Queries) error {
		for file, body := range texts {
			known, err := lessonFiles(ctx, q, body)
			if err != nil {
				return err
			}
			for _, id := range fileIDs(body) {
				if _, ok := known[id]; !ok {
					field := "body"
					if strings.HasSuffix(file, ".en.md") {
						field = "body_en"
					}
					return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
						Fields: map[string]string{field: "attach.err_unknown_file"}}
				}
			}
		}
		return nil
	})
}
