package app

import (
	"context"
	"io"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// SetPersonPhoto uploads a portrait and puts it on a person: anyone may
// change their own, people managers anyone's they may read.
func (a *App) SetPersonPhoto(ctx context.Context, ac Actor, personID, name string, r io.Reader) error {
	if ac.PersonID != personID {
		if err := ac.require(shopdojo.PermPeopleManage); err != nil {
			return err
		}
	}
	if err := a.store.Read(ctx, func(q *store.Queries) error { return a.canReadPerson(ctx, q, ac, personID) }); err != nil {
		return err
	}
	f, err := a.UploadFile(ctx, ac, PurposePhoto, name, r)
	if err != nil {
		return err
	}
	return a.setPhoto(ctx, ac, personID, f.ID, "person.photo_set")
}

// RemovePersonPhoto takes a person's portrait off; the file stays for the
// audit trail.
func (a *App) RemovePersonPhoto(ctx context.Context, ac Actor, personID string) error {
	if ac.PersonID != personID {
		if err := ac.require(shopdojo.PermPeopleManage); err != nil {
			return err
		}
	}
	if err := a.store.Read(ctx, func(q *store.Queries) error { return a.canReadPerson(ctx, q, ac, personID) }); err != nil {
		return err
	}
	return a.setPhoto(ctx, ac, personID, "", "person.photo_remove")
}

func (a *App) setPhoto(ctx context.Context, ac Actor, personID, fileID, action string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		p, err := tx.GetPerson(ctx, personID)
		if err != nil {
			return err
		}
		if err := tx.SetPersonPhoto(ctx, sqlq.SetPersonPhotoParams{ID: personID, PhotoFileID: fileID,
			UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: action, ObjectType: "person", ObjectID: personID,
			ObjectName: p.Name, Before: map[string]string{"photo": p.PhotoFileID},
			After: map[string]string{"photo": fileID}})
	})
}
