package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// Watch units: the player's heartbeats, and the editor's video upload.

// learnWatch takes a heartbeat of the unit page's player (JSON position and
// duration in seconds) and answers with the progress the server credits.
func (h *Handler) learnWatch(w http.ResponseWriter, r *http.Request) error {
	var hb app.Heartbeat
	if err := json.NewDecoder(r.Body).Decode(&hb); err != nil {
		return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "watch.err_heartbeat", err))
	}
	st, err := h.app.WatchHeartbeat(r.Context(), actorOf(r), r.PathValue("id"), hb)
	if err != nil {
		return h.jsonErr(w, r, err)
	}
	return writeJSON(w, http.StatusOK, st)
}

// videoUpload stores a watch unit's video from the editor (multipart part
// "video", streamed into the file store) and answers with the URL the
// unit's video field takes.
func (h *Handler) videoUpload(w http.ResponseWriter, r *http.Request) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err))
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err))
		}
		if part.FormName() != "video" || part.FileName() == "" {
			continue
		}
		f, err := h.app.UploadVideo(r.Context(), actorOf(r), part.FileName(), part)
		if err != nil {
			return h.jsonErr(w, r, err)
		}
		return writeJSON(w, http.StatusOK, map[string]string{"url": "/files/" + f.ID, "name": f.Name,
			"size": strconv.FormatInt(f.Size, 10)})
	}
}

// videoLimit is the request limit of video uploads: the file plus the
// multipart envelope.
var videoLimit = app.MaxUpload(app.PurposeVideo) + 64<<10

// videoSeconds reads the editor's measured video length; anything else is 0.
func videoSeconds(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0
	}
	return v
}
