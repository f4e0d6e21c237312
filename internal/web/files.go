package web

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/httpx"
)

// fileServe sends a file the viewer may read, with Range support (video
// seeking, resumed downloads) and an ETag from its content hash. Files are
// served under a sandbox CSP so an uploaded document can never run script
// in the application's origin.
func (h *Handler) fileServe(w http.ResponseWriter, r *http.Request) error {
	f, obj, err := h.app.OpenFile(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	defer obj.Close()
	serveFile(w, r, f, obj)
	return nil
}

// serveFile sends a file whose reader has been checked.
func serveFile(w http.ResponseWriter, r *http.Request, f shopdojo.File, obj blob.Object) {
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("ETag", `"`+f.Key+`"`)
	hd.Set("Cache-Control", "private, max-age=86400")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
	disp := "attachment"
	if inline(f.ContentType) && r.URL.Query().Get("download") == "" {
		disp = "inline"
	}
	hd.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": f.Name}))
	http.ServeContent(w, r, "", obj.ModTime(), obj)
}

// inline lists the types a browser may show in place; anything else is a
// download.
func inline(typ string) bool {
	return strings.HasPrefix(typ, "image/") || strings.HasPrefix(typ, "video/") ||
		strings.HasPrefix(typ, "audio/") || typ == "application/pdf"
}

// photoUpload takes a portrait from a multipart form, streaming the file
// part straight into the file store.
func (h *Handler) photoUpload(r *http.Request, personID string) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
		}
		if part.FormName() == "photo" && part.FileName() != "" {
			return h.app.SetPersonPhoto(r.Context(), actorOf(r), personID, part.FileName(), part)
		}
	}
}

// uploadRefused reports whether err is the person's mistake (wrong type,
// too large, no file) rather than a failure.
func uploadRefused(err error) bool {
	return shopdojo.KindOf(err) == shopdojo.KindInvalid || httpx.Status(err) == http.StatusRequestEntityTooLarge
}

func (h *Handler) accountPhoto(w http.ResponseWriter, r *http.Request) error {
	err := h.photoUpload(r, actorOf(r).PersonID)
	if err != nil && uploadRefused(err) {
		return h.accountPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/account", "flash.photo_saved")
}

func (h *Handler) accountPhotoRemove(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.RemovePersonPhoto(r.Context(), actorOf(r), actorOf(r).PersonID); err != nil {
		return err
	}
	return redirect(w, r, "/account", "flash.photo_removed")
}

func (h *Handler) personPhoto(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.photoUpload(r, id); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/people/%s", id), "flash.photo_saved")
}

// photoLimit is the request limit of portrait uploads: the file plus the
// multipart envelope.
var photoLimit = app.MaxUpload(app.PurposePhoto) + 64<<10
