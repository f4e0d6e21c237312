package web

import (
	"html/template"
	"net/http"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// Images and attachments of curriculum texts: the editor's upload (a
// fetch from the lessonAssets component, answered with the Markdown to
// insert) and rendering a text with its attachment chips and 附件 box.

// lessonUploadLimit is the request limit of lesson file uploads: the file
// plus the multipart envelope.
var lessonUploadLimit = app.MaxUpload(app.PurposeLesson) + 64<<10

// lessonUploadMB is the largest lesson file, as the editor states it.
var lessonUploadMB = app.MaxUpload(app.PurposeLesson) >> 20

func (h *Handler) lessonFileUpload(w http.ResponseWriter, r *http.Request) error {
	f, err := h.lessonUpload(r)
	if err != nil {
		return h.jsonErr(w, r, err)
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"id": f.ID, "name": f.Name, "type": f.ContentType,
		"size": f.Size, "image": f.Image(), "url": "/files/" + f.ID, "markdown": f.Markdown()})
}

// lessonUpload streams the form's "file" part into the file store.
func (h *Handler) lessonUpload(r *http.Request) (app.LessonFile, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return app.LessonFile{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return app.LessonFile{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
		}
		if part.FormName() == "file" && part.FileName() != "" {
			return h.app.UploadLessonFile(r.Context(), actorOf(r), part.FileName(), part)
		}
	}
}

// textHTML renders a curriculum text: images in place, links to lesson
// files as chips with their type and size; it also returns the text's
// attachments (its linked files that are not images), in order.
func (h *Handler) textHTML(r *http.Request, body string) (template.HTML, []app.LessonFile, error) {
	files, err := h.app.LessonFiles(r.Context(), actorOf(r), body)
	if err != nil {
		return "", nil, err
	}
	html, err := h.md.HTMLWithFiles(body, func(href string) (string, bool) {
		id, ok := app.FileID(href)
		f, known := files[id]
		if !ok || !known || f.Image() {
			return "", false
		}
		return f.Label() + " · " + f.SizeText(), true
	})
	return html, app.Attachments(body, files), err
}
