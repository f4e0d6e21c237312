package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/qr"
)

// activationCard is one cut-out slip of the printable activation sheet: a
// QR code that opens the activation page with the code filled in.
type activationCard struct {
	app.Activation
	QR template.HTML
}

func (h *Handler) activateLink(code string) string {
	return strings.TrimSuffix(h.opt.BaseURL, "/") + "/activate?code=" + url.QueryEscape(code)
}

// activationSheet shows new activation codes once, as a printable sheet;
// the codes are stored only as hashes, so this page cannot be shown again.
func (h *Handler) activationSheet(w http.ResponseWriter, r *http.Request, acts []app.Activation, rep *app.ImportReport) error {
	cards := make([]activationCard, len(acts))
	for i, a := range acts {
		svg, err := qr.SVG(h.activateLink(a.Code), 132)
		if err != nil {
			return err
		}
		// qr.SVG builds the markup itself from a module matrix and
		// attributes it controls; nothing of the person's is inside.
		cards[i] = activationCard{Activation: a, QR: template.HTML(svg)} // #nosec G203
	}
	p := h.page(r, "sheet.title")
	p.Nav = "people"
	p.Data = map[string]any{"Cards": cards, "Report": rep,
		"ActivateURL": strings.TrimSuffix(h.opt.BaseURL, "/") + "/activate"}
	return h.render(w, r, "activation_sheet", p)
}
