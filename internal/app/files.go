package app

import (
	"bufio"
	"context"
	"errors"
	"io"
	"mime"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Upload purposes. Each names how large a file may be, which types it may
// have and who may read it; later capabilities add their own.
const (
	PurposePhoto  = "photo"  // a person's portrait: any signed-in person may see it
	PurposeRoster = "roster" // a people import kept for a second try: only its uploader
	// PurposeQuestions is a question import kept for a second try: only its uploader.
	PurposeQuestions = "questions"
	// PurposeEvidence proves a step of an SOP run (photos, screenshots,
	// PDFs): its uploader here, reviewers through the run (OpenRunFile).
	PurposeEvidence = "evidence"
	// PurposeLesson is an image or attachment of a curriculum text (see
	// lesson_assets.go): trainers upload, anyone signed in reads, and no
	// version that links to it ever loses it.
	PurposeLesson = "lesson"
	// PurposeVideo is a watch unit's video: any signed-in person may watch it.
	PurposeVideo = "video"
	// PurposeStoreData is an uploaded store export (orders, traffic …).
	PurposeStoreData = "storedata"
	// PurposeKB is a knowledge item's attachment, template, video or
	// pasted image: read as the item is (kbFileReadable).
	PurposeKB = "kb"
)

// filePolicy is the rule set of one purpose.
type filePolicy struct {
	upload   shopdojo.Permission // needed to upload; signed in when empty
	maxBytes int64
	types    []string // allowed content types, after refinement by file name
	read     func(ac Actor, f sqlq.File) bool
	// readIn, when set, decides instead of read with the database, for
	// files whose readers follow the object they belong to.
	readIn func(a *App, ctx context.Context, q *store.Queries, ac Actor, f sqlq.File) (bool, error)
}

var filePolicies = map[string]filePolicy{
	PurposePhoto: {maxBytes: 5 << 20, types: []string{"image/jpeg", "image/png", "image/webp", "image/gif"},
		read: func(ac Actor, _ sqlq.File) bool { return ac.PersonID != "" || ac.System }},
	PurposeRoster: {maxBytes: 8 << 20, types: []string{xlsxType, "text/csv"},
		read: func(ac Actor, f sqlq.File) bool {
			return ac.System || (f.OwnerID == ac.PersonID && ac.Can(shopdojo.PermPeopleManage))
		}},
	PurposeQuestions: {maxBytes: 8 << 20, types: []string{xlsxType, "text/csv", "application/yaml"},
		read: func(ac Actor, f sqlq.File) bool {
			return ac.System || (f.OwnerID == ac.PersonID && ac.Can(shopdojo.PermContentEdit))
		}},
	PurposeEvidence: {maxBytes: 10 << 20, types: []string{"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"},
		read: func(ac Actor, f sqlq.File) bool { return ac.System || f.OwnerID == ac.PersonID }},
	PurposeLesson: {upload: shopdojo.PermContentEdit, maxBytes: 20 << 20, types: lessonTypes,
		read: func(ac Actor, _ sqlq.File) bool { return ac.PersonID != "" || ac.System }},
	PurposeVideo: {upload: shopdojo.PermContentEdit, maxBytes: 500 << 20, types: []string{"video/mp4", "video/webm"},
		read: func(ac Actor, _ sqlq.File) bool { return ac.PersonID != "" || ac.System }},
	// A store export as uploaded, read by its import job; it holds
	// personal data, so only its uploader (and the system) may read it.
	PurposeStoreData: {upload: shopdojo.PermStoreDataManage, maxBytes: 512 << 20, types: []string{xlsxType, "text/csv"},
		read: func(ac Actor, f sqlq.File) bool {
			return ac.System || (f.OwnerID == ac.PersonID && ac.Can(shopdojo.PermStoreDataManage))
		}},
	PurposeKB: {upload: shopdojo.PermContentEdit, maxBytes: 500 << 20, types: kbTypes, readIn: (*App).kbFileReadable},
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// MaxUpload is the largest upload any purpose accepts; the HTTP layer sizes
// its request limits from it.
func MaxUpload(purpose string) int64 { return filePolicies[purpose].maxBytes }

// contentType refines a sniffed type by the file's extension where content
// alone cannot tell: OOXML documents are zip files, CSV is plain text.
func contentType(sniffed, name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case sniffed == "application/zip" && ext == ".xlsx":
		return xlsxType
	case sniffed == "application/zip" && ext == ".docx":
		return docxType
	case sniffed == "application/zip" && ext == ".pptx":
		return pptxType
	case ext == ".csv" && (strings.HasPrefix(sniffed, "text/plain") || sniffed == "application/octet-stream"):
		// GBK text is not valid UTF-8, so it sniffs as binary.
		return "text/csv"
	case strings.HasPrefix(sniffed, "text/plain") && (ext == ".yaml" || ext == ".yml"):
		return "application/yaml"
	}
	t, _, _ := mime.ParseMediaType(sniffed)
	return t
}

func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	if !utf8.ValidString(name) || name == "." || name == "/" || name == "" {
		return "file"
	}
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	return name
}

// UploadFile stores r as a file of purpose, checking its type from the
// first bytes before anything is written and its size while it streams.
func (a *App) UploadFile(ctx context.Context, ac Actor, purpose, name string, r io.Reader) (shopdojo.File, error) {
	pol, ok := filePolicies[purpose]
	if !ok {
		return shopdojo.File{}, errors.New("upload: unknown purpose " + purpose)
	}
	need := pol.upload
	if need == "" {
		need = shopdojo.PermSignedIn
	}
	if err := ac.require(need); err != nil && !ac.System {
		return shopdojo.File{}, err
	}
	if a.opt.Files == nil {
		return shopdojo.File{}, shopdojo.E(shopdojo.KindUnavailable, "error.files_unavailable")
	}
	br := bufio.NewReaderSize(r, 512)
	head, _ := br.Peek(512)
	name = cleanName(name)
	typ := contentType(blob.Sniff(head), name)
	if !contains(pol.types, typ) {
		return shopdojo.File{}, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.file_type",
			Fields: map[string]string{"file": "error.file_type"}}
	}
	info, err := a.opt.Files.Put(ctx, br, pol.maxBytes)
	if errors.Is(err, blob.ErrTooLarge) {
		return shopdojo.File{}, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.file_too_large",
			Args: map[string]any{"MB": pol.maxBytes >> 20}, Fields: map[string]string{"file": "error.file_too_large_field"}}
	}
	if err != nil {
		return shopdojo.File{}, err
	}
	f := sqlq.InsertFileParams{ID: newID(), BlobKey: info.Key, Name: name, ContentType: typ, Size: info.Size,
		Purpose: purpose, OwnerID: ac.PersonID, CreatedAt: a.nowMs()}
	err = a.store.Tx(ctx, func(tx *store.Tx) error { return tx.InsertFile(ctx, f) })
	return toFile(sqlq.File(f)), err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func toFile(f sqlq.File) shopdojo.File {
	return shopdojo.File{ID: f.ID, Key: f.BlobKey, Name: f.Name, ContentType: f.ContentType, Size: f.Size,
		Purpose: f.Purpose, OwnerID: f.OwnerID, CreatedAt: fromMs(f.CreatedAt)}
}

// OpenFile opens a file the actor may read. A file they may not read is
// reported as not found, so ids cannot be probed.
func (a *App) OpenFile(ctx context.Context, ac Actor, id string) (shopdojo.File, blob.Object, error) {
	var f sqlq.File
	ok := false
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if f, err = q.GetFile(ctx, id); err != nil {
			return err
		}
		pol, known := filePolicies[f.Purpose]
		switch {
		case !known:
		case pol.readIn != nil:
			ok, err = pol.readIn(a, ctx, q, ac, f)
		default:
			ok = pol.read(ac, f)
		}
		return err
	}); err != nil {
		return shopdojo.File{}, nil, err
	}
	if !ok {
		return shopdojo.File{}, nil, shopdojo.ErrNotFound
	}
	return a.openBlob(ctx, f)
}

// openBlob opens a file's content once its reader has been checked.
func (a *App) openBlob(ctx context.Context, f sqlq.File) (shopdojo.File, blob.Object, error) {
	if a.opt.Files == nil {
		return shopdojo.File{}, nil, shopdojo.E(shopdojo.KindUnavailable, "error.files_unavailable")
	}
	obj, err := a.opt.Files.Open(ctx, f.BlobKey)
	if errors.Is(err, blob.ErrNotFound) {
		return shopdojo.File{}, nil, shopdojo.Wrap(shopdojo.KindNotFound, "error.not_found", err)
	}
	return toFile(f), obj, err
}
