package web

import (
	"bytes"
	"net/http"
	"path"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/qbank"
)

// questionImportResult is what the question import page shows after a run.
type questionImportResult struct {
	Report   app.QuestionImportReport
	Done     bool
	FileName string
	Staged   string
	Problems []problemRow
	More     int
}

func formatOf(name string) app.QuestionFormat {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return app.FormatYAML
	}
	return app.FormatSheet
}

func (h *Handler) questionImportPage(r *http.Request) (*page, shopdojo.Bank, error) {
	b, err := h.app.Bank(r.Context(), actorOf(r), r.PathValue("id"))
	if err == nil && !b.CanEdit {
		err = shopdojo.ErrForbidden
	}
	p := h.page(r, "qimport.title")
	p.Nav = "banks"
	p.Data = map[string]any{"Bank": b}
	return p, b, err
}

func (h *Handler) questionImportForm(w http.ResponseWriter, r *http.Request) error {
	p, _, err := h.questionImportPage(r)
	if err != nil {
		return err
	}
	return h.render(w, r, "question_import", p)
}

// questionImport runs an import; a refused file with good questions is
// kept so the next post can import those without a second upload.
func (h *Handler) questionImport(w http.ResponseWriter, r *http.Request) error {
	p, b, err := h.questionImportPage(r)
	if err != nil {
		return err
	}
	file, name, err := h.uploadOrStaged(r, app.PurposeQuestions)
	p.Form = r.PostForm
	if err != nil {
		if shopdojo.KindOf(err) != shopdojo.KindInvalid {
			return err
		}
		p.Errors = map[string]string{"file": "import.file_required"}
		return h.renderStatus(w, r, http.StatusUnprocessableEntity, "question_import", p)
	}
	opt := app.QuestionImport{Format: formatOf(name), SkipInvalid: p.Form.Get("skip_invalid") != "",
		Note: p.T("qimport.note", "File", name)}
	rep, err := h.app.ImportQuestions(r.Context(), actorOf(r), b.ID, bytes.NewReader(file), opt)
	res := &questionImportResult{Report: rep, Done: err == nil, FileName: name}
	res.Problems, res.More = h.questionProblems(p, rep.Problems)
	p.Data = map[string]any{"Bank": b, "Result": res}
	if err != nil {
		if len(rep.Problems) < rep.Questions {
			res.Staged = h.stage(r, app.PurposeQuestions, name, file)
		}
		return h.invalid(w, r, err, "question_import", p)
	}
	return h.render(w, r, "question_import", p)
}

func (h *Handler) questionProblems(p *page, probs []qbank.Problem) ([]problemRow, int) {
	n := min(len(probs), maxProblemsShown)
	out := make([]problemRow, n)
	for i, pr := range probs[:n] {
		out[i] = problemRow{Line: pr.Line, Column: columnLabel(p, pr.Field), Text: p.T(pr.Msg, pr.Args)}
	}
	return out, len(probs) - n
}

// columnLabel names a spreadsheet column as its header reads; YAML paths
// are shown as they are.
func columnLabel(p *page, field string) string {
	if field == "" || strings.Contains(field, "[") {
		return field
	}
	if id := "qcol." + field; p.h.i18n.Has(p.Locale, id) {
		return p.T(id)
	}
	return field
}

func (h *Handler) questionTemplate(w http.ResponseWriter, r *http.Request) error {
	data, err := qbank.Template()
	if err != nil {
		return err
	}
	return sendFile(w, h.page(r, "qimport.title").T("qimport.template_file")+".xlsx", xlsxType, data)
}

// questionExport downloads a bank as XLSX, CSV or YAML; case analyses only
// fit YAML, so a bank with them exports as YAML whatever was asked.
func (h *Handler) questionExport(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	b, err := h.app.Bank(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	qs, err := h.app.ExportQuestions(r.Context(), ac, b.ID)
	if err != nil {
		return err
	}
	p := h.page(r, "banks.title")
	format := r.URL.Query().Get("format")
	var buf bytes.Buffer
	if format != "yaml" {
		err = qbank.Export(&buf, orDefault(format, "xlsx"), qs, p.Locale)
	}
	if format == "yaml" || err != nil {
		buf.Reset()
		if err := qbank.ExportYAML(&buf, qs); err != nil {
			return err
		}
		return sendFile(w, b.Name+"-"+h.app.Today()+".yaml", "application/yaml; charset=utf-8", buf.Bytes())
	}
	typ := xlsxType
	if format == "csv" {
		typ = "text/csv; charset=utf-8"
	}
	return sendFile(w, b.Name+"-"+h.app.Today()+"."+orDefault(format, "xlsx"), typ, buf.Bytes())
}
