package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// SOP runs: the learner's checklist with evidence, the reviewer's
// sign-off and the sign-off queue.

// runUploadLimit is the request limit of one step's save: a few photos
// plus the form.
var runUploadLimit = 3*app.MaxUpload(app.PurposeEvidence) + 64<<10

func (h *Handler) sopRunStart(w http.ResponseWriter, r *http.Request) error {
	id, err := h.app.StartSOPRun(r.Context(), actorOf(r), r.PostFormValue("sop"), r.PostFormValue("unit"), r.PostFormValue("subject"))
	if err != nil {
		return err
	}
	return redirect(w, r, "/learn/runs/"+id, "learn.run_started")
}

func (h *Handler) sopRun(w http.ResponseWriter, r *http.Request) error {
	return h.runPage(w, r, 0, nil)
}

// runPage shows a run; a step's refused save comes back with its errors
// next to that step.
func (h *Handler) runPage(w http.ResponseWriter, r *http.Request, errStep int, saveErr error) error {
	v, err := h.app.SOPRun(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.run_title")
	p.Nav = "learn"
	if !v.Mine {
		p.Nav = "signoffs"
	}
	p.Data = map[string]any{"R": v, "ErrStep": errStep}
	if saveErr != nil {
		return h.invalid(w, r, saveErr, "learn_run", p)
	}
	return h.render(w, r, "learn_run", p)
}

func (h *Handler) sopRunStep(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	no, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return shopdojo.ErrNotFound
	}
	err = h.saveStep(r, id, no)
	if err != nil && uploadRefused(err) {
		return h.runPage(w, r, no, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/learn/runs/"+id+"#step-"+strconv.Itoa(no), "learn.step_saved")
}

// saveStep reads a step's multipart form as it streams: the fields come
// first (the form puts them before its file input), are saved when the
// first file arrives, and each file goes straight into the file store.
func (h *Handler) saveStep(r *http.Request, id string, no int) error {
	ctx, ac := r.Context(), actorOf(r)
	mr, err := r.MultipartReader()
	if err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	r.PostForm = map[string][]string{}
	saved := false
	save := func() error {
		saved = true
		in := app.StepInput{Done: r.PostForm.Get("done") != "", Note: r.PostForm.Get("note"), Link: r.PostForm.Get("link")}
		return h.app.SaveRunStep(ctx, ac, id, no, in)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
		}
		if part.FormName() != "file" {
			if err := formValue(r, part); err != nil {
				return err
			}
			continue
		}
		if part.FileName() == "" {
			continue
		}
		if !saved {
			if err := save(); err != nil {
				return err
			}
		}
		if err := h.attach(r, id, no, part); err != nil {
			return err
		}
	}
	if saved {
		return nil
	}
	return save()
}

func formValue(r *http.Request, part *multipart.Part) error {
	b, err := io.ReadAll(io.LimitReader(part, 16<<10))
	if err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	r.PostForm.Add(part.FormName(), string(b))
	return nil
}

func (h *Handler) attach(r *http.Request, id string, no int, part *multipart.Part) error {
	ctx, ac := r.Context(), actorOf(r)
	f, err := h.app.UploadFile(ctx, ac, app.PurposeEvidence, part.FileName(), part)
	if err != nil {
		return err
	}
	return h.app.AttachRunFile(ctx, ac, id, no, f.ID)
}

func (h *Handler) sopRunFileRemove(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.RemoveRunFile(r.Context(), actorOf(r), id, r.PathValue("file")); err != nil {
		return err
	}
	return redirect(w, r, "/learn/runs/"+id, "learn.file_removed")
}

func (h *Handler) sopRunSubmit(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.SubmitRun(r.Context(), actorOf(r), id); err != nil {
		if shopdojo.KindOf(err) == shopdojo.KindInvalid {
			return h.runPage(w, r, 0, err)
		}
		return err
	}
	return redirect(w, r, "/learn/runs/"+id, "learn.run_submitted")
}

func (h *Handler) sopRunReview(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	approve := r.PostFormValue("decision") == "sign"
	if err := h.app.ReviewRun(r.Context(), actorOf(r), id, approve, r.PostFormValue("note")); err != nil {
		if shopdojo.KindOf(err) == shopdojo.KindInvalid {
			return h.runPage(w, r, 0, err)
		}
		return err
	}
	if approve {
		return redirect(w, r, "/signoffs", "learn.run_signed_flash")
	}
	return redirect(w, r, "/signoffs", "learn.run_returned_flash")
}

// sopRunFile sends a run's evidence to its runner or a reviewer, under the
// same sandbox as every stored file.
func (h *Handler) sopRunFile(w http.ResponseWriter, r *http.Request) error {
	f, obj, err := h.app.OpenRunFile(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("file"))
	if err != nil {
		return err
	}
	defer obj.Close()
	serveFile(w, r, f, obj)
	return nil
}

func (h *Handler) signoffs(w http.ResponseWriter, r *http.Request) error {
	runs, err := h.app.RunsToSignOff(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.signoffs_title")
	p.Nav = "signoffs"
	p.Data = map[string]any{"Runs": runs}
	return h.render(w, r, "signoffs", p)
}
