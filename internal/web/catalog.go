package web

import (
	"net/http"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func (h *Handler) positions(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.app.Positions(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "positions.title")
	p.Nav = "positions"
	p.Data = ps
	return h.render(w, r, "positions", p)
}

func (h *Handler) positionForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	p.Nav = "positions"
	p.Data = map[string]any{"ID": r.PathValue("id")}
	if err != nil {
		return h.invalid(w, r, err, "position_form", p)
	}
	return h.render(w, r, "position_form", p)
}

func (h *Handler) positionNew(w http.ResponseWriter, r *http.Request) error {
	return h.positionForm(w, r, h.page(r, "position.new"), nil)
}

func (h *Handler) positionEdit(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.app.Position(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "position.edit")
	p.Form.Set("name", ps.Name)
	p.Form.Set("code", ps.Code)
	p.Form.Set("description", ps.Description)
	return h.positionForm(w, r, p, nil)
}

func positionInput(r *http.Request) (app.PositionInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.PositionInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	return app.PositionInput{Name: f.Get("name"), Code: f.Get("code"), Description: f.Get("description")}, nil
}

func (h *Handler) positionCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := positionInput(r)
	if err == nil {
		_, err = h.app.CreatePosition(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.positionForm(w, r, h.page(r, "position.new"), err)
	}
	return redirect(w, r, "/positions", "flash.saved")
}

func (h *Handler) positionUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := positionInput(r)
	if err == nil {
		err = h.app.UpdatePosition(r.Context(), actorOf(r), r.PathValue("id"), in)
	}
	if err != nil {
		return h.positionForm(w, r, h.page(r, "position.edit"), err)
	}
	return redirect(w, r, "/positions", "flash.saved")
}

func (h *Handler) positionDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeletePosition(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/positions", "flash.deleted")
}

func (h *Handler) stores(w http.ResponseWriter, r *http.Request) error {
	ss, err := h.app.Stores(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "stores.title")
	p.Nav = "stores"
	p.Data = ss
	return h.render(w, r, "stores", p)
}

func (h *Handler) storeForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	owners, oerr := h.app.People(r.Context(), actorOf(r), app.PeopleFilter{Status: string(shopdojo.StatusActive), Limit: 500})
	if oerr != nil {
		return oerr
	}
	p.Nav = "stores"
	p.Data = map[string]any{"ID": r.PathValue("id"), "Platforms": shopdojo.Platforms, "Owners": owners.People}
	if err != nil {
		return h.invalid(w, r, err, "store_form", p)
	}
	return h.render(w, r, "store_form", p)
}

func (h *Handler) storeNew(w http.ResponseWriter, r *http.Request) error {
	return h.storeForm(w, r, h.page(r, "store.new"), nil)
}

func (h *Handler) storeEdit(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Store(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "store.edit")
	p.Form.Set("name", s.Name)
	p.Form.Set("platform", string(s.Platform))
	p.Form.Set("owner_id", s.OwnerID)
	return h.storeForm(w, r, p, nil)
}

func storeInput(r *http.Request) (app.StoreInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.StoreInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	return app.StoreInput{Platform: shopdojo.Platform(f.Get("platform")), Name: f.Get("name"), OwnerID: f.Get("owner_id")}, nil
}

func (h *Handler) storeCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := storeInput(r)
	if err == nil {
		_, err = h.app.CreateStore(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.storeForm(w, r, h.page(r, "store.new"), err)
	}
	return redirect(w, r, "/stores", "flash.saved")
}

func (h *Handler) storeUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := storeInput(r)
	if err == nil {
		err = h.app.UpdateStore(r.Context(), actorOf(r), r.PathValue("id"), in)
	}
	if err != nil {
		return h.storeForm(w, r, h.page(r, "store.edit"), err)
	}
	return redirect(w, r, "/stores", "flash.saved")
}

func (h *Handler) storeDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteStore(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/stores", "flash.deleted")
}
