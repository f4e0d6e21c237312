package api

import (
	"net/http"

	"github.com/shopdojo/shopdojo"
)

// Departments, positions and stores are small, so their lists come whole
// with an empty next_cursor.

func noContent(w http.ResponseWriter, err error) error {
	if err == nil {
		w.WriteHeader(http.StatusNoContent)
	}
	return err
}

func (h *Handler) departmentList(w http.ResponseWriter, r *http.Request) error {
	ds, err := h.app.Departments(r.Context(), actorOf(r))
	items := mapAll(ds, func(d shopdojo.Department) departmentDTO {
		x := toDepartment(d)
		x.People = &d.People
		return x
	})
	return respond(w, http.StatusOK, "", list[departmentDTO]{Items: items}, err)
}

func (h *Handler) departmentGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.app.Department(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toDepartment(d), err)
}

func (h *Handler) departmentCreate(w http.ResponseWriter, r *http.Request) error {
	var in departmentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreateDepartment(r.Context(), ac, in.app())
	if err != nil {
		return err
	}
	d, err := h.app.Department(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/departments/"+id, toDepartment(d), err)
}

func (h *Handler) departmentPut(w http.ResponseWriter, r *http.Request) error {
	var in departmentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdateDepartment(r.Context(), ac, id, in.app()); err != nil {
		return err
	}
	d, err := h.app.Department(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toDepartment(d), err)
}

func (h *Handler) departmentDelete(w http.ResponseWriter, r *http.Request) error {
	return noContent(w, h.app.DeleteDepartment(r.Context(), actorOf(r), r.PathValue("id")))
}

func (h *Handler) positionList(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.app.Positions(r.Context(), actorOf(r))
	items := mapAll(ps, func(p shopdojo.Position) positionDTO {
		x := toPosition(p)
		x.People = &p.People
		return x
	})
	return respond(w, http.StatusOK, "", list[positionDTO]{Items: items}, err)
}

func (h *Handler) positionGet(w http.ResponseWriter, r *http.Request) error {
	p, err := h.app.Position(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toPosition(p), err)
}

func (h *Handler) positionCreate(w http.ResponseWriter, r *http.Request) error {
	var in positionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreatePosition(r.Context(), ac, in.app())
	if err != nil {
		return err
	}
	p, err := h.app.Position(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/positions/"+id, toPosition(p), err)
}

func (h *Handler) positionPut(w http.ResponseWriter, r *http.Request) error {
	var in positionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdatePosition(r.Context(), ac, id, in.app()); err != nil {
		return err
	}
	p, err := h.app.Position(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toPosition(p), err)
}

func (h *Handler) positionDelete(w http.ResponseWriter, r *http.Request) error {
	return noContent(w, h.app.DeletePosition(r.Context(), actorOf(r), r.PathValue("id")))
}

func (h *Handler) storeList(w http.ResponseWriter, r *http.Request) error {
	ss, err := h.app.Stores(r.Context(), actorOf(r))
	return respond(w, http.StatusOK, "", list[storeDTO]{Items: mapAll(ss, toStore)}, err)
}

func (h *Handler) storeGet(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Store(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toStore(s), err)
}

func (h *Handler) storeCreate(w http.ResponseWriter, r *http.Request) error {
	var in storeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreateStore(r.Context(), ac, in.app())
	if err != nil {
		return err
	}
	s, err := h.app.Store(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/stores/"+id, toStore(s), err)
}

func (h *Handler) storePut(w http.ResponseWriter, r *http.Request) error {
	var in storeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdateStore(r.Context(), ac, id, in.app()); err != nil {
		return err
	}
	s, err := h.app.Store(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toStore(s), err)
}

func (h *Handler) storeDelete(w http.ResponseWriter, r *http.Request) error {
	return noContent(w, h.app.DeleteStore(r.Context(), actorOf(r), r.PathValue("id")))
}
