package app

import (
	"context"
	"errors"
	"io"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Files of knowledge items: attachments, templates (XLSX/DOCX/PPTX/PDF),
// videos and pasted images. kb_attachments records which version of which
// item holds a file, so a file is read exactly as its items are; a file
// not yet saved with any item is its uploader's alone.

var kbTypes = append(append([]string{}, lessonTypes...), "video/mp4", "video/webm")

// UploadKBFile stores a file for a knowledge item being edited.
func (a *App) UploadKBFile(ctx context.Context, ac Actor, name string, r io.Reader) (LessonFile, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return LessonFile{}, err
	}
	f, err := a.UploadFile(ctx, ac, PurposeKB, name, r)
	var de *shopdojo.Error
	if errors.As(err, &de) && de.Msg == "error.file_type" {
		return LessonFile{}, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "kb.err_file_type",
			Fields: map[string]string{"file": "kb.err_file_type"}}
	}
	if err != nil {
		return LessonFile{}, err
	}
	return LessonFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size}, nil
}

// kbFileReadable: the uploader of a file no item holds yet, or anyone who
// may read one of the items holding it (in any version, since earlier
// versions stay downloadable).
func (a *App) kbFileReadable(ctx context.Context, q *store.Queries, ac Actor, f sqlq.File) (bool, error) {
	if ac.System {
		return true, nil
	}
	ids, err := q.KBItemsOfFile(ctx, f.ID)
	if err != nil {
		return false, err
	}
	if len(ids) == 0 {
		return ac.PersonID != "" && f.OwnerID == ac.PersonID, nil
	}
	w, err := viewerOf(ctx, q, ac)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		it, err := loadKB(ctx, q, id)
		if err != nil {
			return false, err
		}
		if it.Status != "archived" && w.reads(it) {
			return true, nil
		}
	}
	return false, nil
}

// KBFile is one file of one version of an item.
type KBFile struct {
	LessonFile
	VersionNo int64
}

// kbFiles lists the files of every version, newest version first.
func kbFiles(ctx context.Context, q *store.Queries, id string) ([]KBFile, error) {
	rows, err := q.ListKBAttachments(ctx, id)
	out := make([]KBFile, 0, len(rows))
	for _, r := range rows {
		out = append(out, KBFile{VersionNo: r.VersionNo,
			LessonFile: LessonFile{ID: r.ID, Name: r.Name, ContentType: r.ContentType, Size: r.Size}})
	}
	return out, err
}

// LinksTo reports whether body links to file id (an image shown in place).
func LinksTo(body, id string) bool { return contains(fileIDs(body), id) }

// FileIDs lists the files a text links to, once each, in order.
func FileIDs(body string) []string { return fileIDs(body) }

// KBFilesByID returns the files among ids that the actor may read and an
// item may hold (knowledge and lesson files), in order, for the editor and
// its preview.
func (a *App) KBFilesByID(ctx context.Context, ac Actor, ids []string) ([]LessonFile, error) {
	if ac.PersonID == "" && !ac.System {
		return nil, shopdojo.ErrUnauth
	}
	var out []LessonFile
	err := a.store.Read(ctx, func(q *store.Queries) error {
		for _, id := range ids {
			f, err := q.GetFile(ctx, id)
			if err != nil {
				continue // a mistyped id: the save will say so
			}
			ok := f.Purpose == PurposeLesson
			if f.Purpose == PurposeKB {
				if ok, err = a.kbFileReadable(ctx, q, ac, f); err != nil {
					return err
				}
			}
			if ok {
				out = append(out, lessonFile(f))
			}
		}
		return nil
	})
	return out, err
}
