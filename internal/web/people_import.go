package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/roster"
)

// maxRosterUpload is the largest roster file accepted (20,000 rows of XLSX
// stay far below it).
const maxRosterUpload = 8<<20 + 64<<10

// importResult is what the import page shows after a run.
type importResult struct {
	Report    app.ImportReport
	Done      bool // the import committed
	FileName  string
	Staged    string // id of the kept file, offered for "import the good rows"
	Problems  []problemRow
	Truncated int // problems not listed
}

type problemRow struct {
	Line         int
	Column, Text string
}

// maxProblemsShown keeps a page with a thoroughly broken file readable.
const maxProblemsShown = 200

func (h *Handler) peopleImportForm(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "import.title")
	p.Nav = "people"
	p.Form.Set("create_accounts", "1")
	return h.render(w, r, "people_import", p)
}

func (h *Handler) peopleImport(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "import.title")
	p.Nav = "people"
	file, name, err := h.uploadOrStaged(r, app.PurposeRoster)
	p.Form = r.PostForm
	if err != nil {
		if shopdojo.KindOf(err) != shopdojo.KindInvalid {
			return err
		}
		p.Errors = map[string]string{"file": "import.file_required"}
		return h.renderStatus(w, r, http.StatusUnprocessableEntity, "people_import", p)
	}
	opt := app.ImportOptions{SkipInvalid: p.Form.Get("skip_invalid") != "",
		CreateAccounts: p.Form.Get("create_accounts") != ""}
	rep, err := h.app.ImportPeople(r.Context(), actorOf(r), bytes.NewReader(file), opt)
	res := importResult{Report: rep, Done: err == nil, FileName: name}
	res.Problems, res.Truncated = h.problemRows(p, rep.Problems)
	p.Data = &res
	if err != nil {
		if len(rep.Problems) > 0 && len(rep.Problems) < rep.Rows {
			res.Staged = h.stage(r, app.PurposeRoster, name, file)
		}
		return h.invalid(w, r, err, "people_import", p)
	}
	if len(rep.Activations) > 0 {
		return h.activationSheet(w, r, rep.Activations, &rep)
	}
	return h.render(w, r, "people_import", p)
}

// uploadOrStaged is the uploaded file, or the one kept from the previous
// try when the form names it instead (so "import the good rows" needs no
// second upload).
func (h *Handler) uploadOrStaged(r *http.Request, purpose string) ([]byte, string, error) {
	data, name, err := formFile(r, "file")
	staged := r.PostForm.Get("staged")
	if err == nil || staged == "" || shopdojo.KindOf(err) != shopdojo.KindInvalid {
		return data, name, err
	}
	f, obj, err := h.app.OpenFile(r.Context(), actorOf(r), staged)
	if err != nil {
		return nil, "", err
	}
	defer obj.Close()
	if f.Purpose != purpose {
		return nil, "", shopdojo.ErrNotFound
	}
	data, err = io.ReadAll(obj)
	return data, f.Name, err
}

// stage keeps a refused file for a second try and returns its id, or ""
// when it cannot be kept (the page then asks for the file again).
func (h *Handler) stage(r *http.Request, purpose, name string, data []byte) string {
	f, err := h.app.UploadFile(r.Context(), actorOf(r), purpose, name, bytes.NewReader(data))
	if err != nil {
		h.log.WarnContext(r.Context(), "keep an import for a second try", "err", err)
		return ""
	}
	return f.ID
}

// formFile reads one uploaded file whole; a missing or oversized file is
// a validation error.
func formFile(r *http.Request, field string) ([]byte, string, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return nil, "", shopdojo.Wrap(shopdojo.KindInvalid, "error.too_large", err)
	}
	f, hdr, err := r.FormFile(field)
	if err != nil {
		return nil, "", shopdojo.Wrap(shopdojo.KindInvalid, "import.file_required", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, "", shopdojo.Wrap(shopdojo.KindInvalid, "error.too_large", err)
	}
	return data, hdr.Filename, nil
}

func (h *Handler) problemRows(p *page, probs []roster.Problem) ([]problemRow, int) {
	n := min(len(probs), maxProblemsShown)
	out := make([]problemRow, n)
	for i, pr := range probs[:n] {
		col := ""
		if pr.Field != "" {
			col = p.T("col." + pr.Field)
		}
		out[i] = problemRow{Line: pr.Line, Column: col, Text: p.T(pr.Msg, pr.Args)}
	}
	return out, len(probs) - n
}

func (h *Handler) peopleTemplate(w http.ResponseWriter, r *http.Request) error {
	data, err := roster.Template()
	if err != nil {
		return err
	}
	p := h.page(r, "import.title")
	return sendFile(w, p.T("import.template_file")+".xlsx", xlsxType, data)
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// peopleExport downloads the people the viewer may read, with the people
// list's filters, as XLSX or CSV that imports back unchanged.
func (h *Handler) peopleExport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := app.PeopleFilter{Query: q.Get("q"), DepartmentID: q.Get("department"), PositionID: q.Get("position"),
		Status: q.Get("status"), Role: q.Get("role"), GroupID: q.Get("group")}
	rows, err := h.app.ExportPeople(r.Context(), actorOf(r), f)
	if err != nil {
		return err
	}
	format, typ := "xlsx", xlsxType
	if q.Get("format") == "csv" {
		format, typ = "csv", "text/csv; charset=utf-8"
	}
	p := h.page(r, "people.title")
	var buf bytes.Buffer
	if err := roster.Export(&buf, format, roster.Headers(p.Locale), rows); err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%s.%s", p.T("people.export_file"), h.app.Today(), format)
	return sendFile(w, name, typ, buf.Bytes())
}

// sendFile sends data as a download named name (RFC 6266 with a UTF-8
// filename* for Chinese names and an ASCII fallback).
func sendFile(w http.ResponseWriter, name, typ string, data []byte) error {
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="download%s"; filename*=UTF-8''%s`,
		extOf(name), url.PathEscape(name)))
	h.Set("Cache-Control", "no-store")
	_, err := w.Write(data)
	return err
}

func extOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i:]
		}
	}
	return ""
}
