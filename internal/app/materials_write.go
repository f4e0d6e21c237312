package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// VersionInput is one edit of a material. A new material is named by Kind
// and SubjectID; an existing one by MaterialID. BaseNo is the version the
// editor started from: when someone saved a newer one meanwhile, the save
// is refused instead of silently overwriting their work.
type VersionInput struct {
	MaterialID      string
	Kind, SubjectID string
	BaseNo          int64
	Title, Body     string
	Note            string
	Major           bool
	Submit          bool // send straight to review
}

// SaveVersion stores an edit as the next version (a draft, or in review
// when in.Submit) and returns the material id and version number.
func (a *App) SaveVersion(ctx context.Context, ac Actor, in VersionInput) (string, int64, error) {
	var no int64
	err := a.store.Tx(ctx, func(tx *store.Tx) (err error) {
		no, err = a.saveVersionTx(ctx, tx, ac, &in)
		return err
	})
	return in.MaterialID, no, err
}

// saveVersionTx is SaveVersion inside a caller's transaction, for use cases
// that change their own tables with the version (questions).
func (a *App) saveVersionTx(ctx context.Context, tx *store.Tx, ac Actor, in *VersionInput) (int64, error) {
	in.Title, in.Note = strings.TrimSpace(in.Title), strings.TrimSpace(in.Note)
	in.Body = strings.ReplaceAll(in.Body, "\r\n", "\n")
	m, k, err := a.materialForWrite(ctx, tx, ac, in)
	if err != nil {
		return 0, err
	}
	if m.LatestNo != in.BaseNo {
		return 0, &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "error.version_stale",
			Args: map[string]any{"No": m.LatestNo}}
	}
	if err := checkVersionText(in.Title, in.Body, in.Note, m.LatestNo == 0); err != nil {
		return 0, err
	}
	no := m.LatestNo + 1
	return no, a.insertVersion(ctx, tx, ac, m, k, *in, no, 0)
}

// materialForWrite finds or creates the material of in and checks that the
// actor may edit it.
func (a *App) materialForWrite(ctx context.Context, tx *store.Tx, ac Actor, in *VersionInput) (sqlq.Material, materialKind, error) {
	if in.MaterialID != "" {
		m, k, err := a.loadMaterial(ctx, tx.Queries, ac, in.MaterialID)
		if err == nil {
			err = ac.require(k.edit)
		}
		if err == nil && k.access != nil {
			err = k.access(ctx, tx.Queries, ac, m, true)
		}
		return m, k, err
	}
	k, err := kindOf(in.Kind)
	if err != nil {
		return sqlq.Material{}, k, err
	}
	if err := ac.require(k.edit); err != nil {
		return sqlq.Material{}, k, err
	}
	m, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: in.Kind, SubjectID: in.SubjectID})
	if err == nil || shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound || in.SubjectID == "" {
		in.MaterialID = m.ID
		return m, k, err
	}
	if _, err := k.subject(ctx, tx.Queries, in.SubjectID); err != nil {
		return m, k, err
	}
	m = sqlq.Material{ID: newID(), Kind: in.Kind, SubjectID: in.SubjectID, Title: in.Title}
	in.MaterialID = m.ID
	err = tx.InsertMaterial(ctx, sqlq.InsertMaterialParams{ID: m.ID, Kind: m.Kind, SubjectID: m.SubjectID,
		Title: m.Title, CreatedAt: a.nowMs()})
	return m, k, err
}

func (a *App) insertVersion(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material, k materialKind,
	in VersionInput, no, basedOn int64) error {
	status := shopdojo.VersionDraft
	if in.Submit || k.autoPublish {
		status = shopdojo.VersionReview
	}
	now := a.nowMs()
	if err := tx.InsertVersion(ctx, sqlq.InsertVersionParams{MaterialID: m.ID, No: no, Title: in.Title,
		Body: in.Body, Note: in.Note, Major: in.Major, Status: string(status), AuthorID: ac.PersonID,
		AuthorName: ac.Name, CreatedAt: now, BasedOn: basedOn}); err != nil {
		return err
	}
	if err := tx.SetMaterialLatest(ctx, sqlq.SetMaterialLatestParams{ID: m.ID, LatestNo: no, Title: in.Title,
		UpdatedAt: now}); err != nil {
		return err
	}
	action := "material.version_create"
	if basedOn > 0 {
		action = "material.rollback"
	}
	if err := a.recordVersion(ctx, tx, ac, m, k, action, no, map[string]string{"status": string(status),
		"note": in.Note, "major": fmt.Sprint(in.Major), "digest": digest(map[string]string{"body": in.Body})}); err != nil {
		return err
	}
	if k.autoPublish {
		if err := a.publish(ctx, tx, m, no); err != nil {
			return err
		}
		if err := tx.ReviewVersion(ctx, sqlq.ReviewVersionParams{MaterialID: m.ID, No: no,
			Status: string(shopdojo.VersionPublished), ReviewerID: ac.PersonID, ReviewerName: ac.Name, ReviewedAt: now}); err != nil {
			return err
		}
	}
	if k.onSaved != nil {
		return k.onSaved(a, ctx, tx, m, no, basedOn)
	}
	return nil
}

func (a *App) recordVersion(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material, k materialKind,
	action string, no int64, after map[string]string) error {
	subject := ""
	if m.SubjectID != "" {
		subject, _ = k.subject(ctx, tx.Queries, m.SubjectID)
	}
	after["version"] = itoa(no)
	return a.record(ctx, tx, ac, change{Action: action, ObjectType: m.Kind, ObjectID: m.ID,
		ObjectName: strings.TrimSpace(subject + " " + m.Title), After: after})
}

// SubmitVersion sends a draft to review.
func (a *App) SubmitVersion(ctx context.Context, ac Actor, id string, no int64) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		m, k, v, err := a.versionForChange(ctx, tx, ac, id, no, shopdojo.VersionDraft)
		if err != nil {
			return err
		}
		if err := ac.require(k.edit); err != nil {
			return err
		}
		if err := tx.SetVersionStatus(ctx, sqlq.SetVersionStatusParams{MaterialID: id, No: no,
			Status: string(shopdojo.VersionReview)}); err != nil {
			return err
		}
		if err := a.recordVersion(ctx, tx, ac, m, k, "material.submit", v.No, map[string]string{"status": "review"}); err != nil {
			return err
		}
		return a.submitSiblingTx(ctx, tx, ac, m)
	})
}

// versionForChange loads a version that must be in status want.
func (a *App) versionForChange(ctx context.Context, tx *store.Tx, ac Actor, id string, no int64,
	want shopdojo.VersionStatus) (sqlq.Material, materialKind, sqlq.MaterialVersion, error) {
	m, k, err := a.loadMaterial(ctx, tx.Queries, ac, id)
	if err != nil {
		return m, k, sqlq.MaterialVersion{}, err
	}
	v, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: id, No: no})
	if err == nil && v.Status != string(want) {
		err = &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "error.version_status",
			Args: map[string]any{"No": no}}
	}
	return m, k, v, err
}

// ReviewVersion publishes a version in review (retiring the one published
// before) or returns it to draft with the reviewer's note, which a return
// requires.
func (a *App) ReviewVersion(ctx context.Context, ac Actor, id string, no int64, approve bool, note string) error {
	note = strings.TrimSpace(note)
	if !approve && note == "" {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"review_note": "error.return_note_required"}}
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		m, k, v, err := a.versionForChange(ctx, tx, ac, id, no, shopdojo.VersionReview)
		if err != nil {
			return err
		}
		if err := ac.require(k.review); err != nil {
			return err
		}
		if approve {
			if err := a.parentPublishedTx(ctx, tx, m); err != nil {
				return err
			}
		}
		if err := a.reviewTxOne(ctx, tx, ac, m, k, v, approve, note); err != nil {
			return err
		}
		if err := a.reviewSiblingTx(ctx, tx, ac, m, approve, note); err != nil || !approve {
			return err
		}
		return a.publishedExamTx(ctx, tx, ac, m)
	})
}

// reviewTxOne publishes or returns one version in review, audited; a
// published major change of a lesson or SOP makes "what changed" tasks.
func (a *App) reviewTxOne(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material, k materialKind,
	v sqlq.MaterialVersion, approve bool, note string) error {
	status, action := shopdojo.VersionDraft, "material.return"
	if approve {
		status, action = shopdojo.VersionPublished, "material.publish"
		if err := a.publish(ctx, tx, m, v.No); err != nil {
			return err
		}
	}
	if err := tx.ReviewVersion(ctx, sqlq.ReviewVersionParams{MaterialID: m.ID, No: v.No, Status: string(status),
		ReviewerID: ac.PersonID, ReviewerName: ac.Name, ReviewedAt: a.nowMs(), ReviewNote: note}); err != nil {
		return err
	}
	if approve {
		if err := a.changeTasksTx(ctx, tx, m, v.No); err != nil {
			return err
		}
		if err := a.pathExamsTx(ctx, tx, ac, m, v.Body); err != nil {
			return err
		}
	}
	return a.recordVersion(ctx, tx, ac, m, k, action, v.No, map[string]string{"status": string(status),
		"review_note": note, "major": fmt.Sprint(v.Major)})
}

func (a *App) publish(ctx context.Context, tx *store.Tx, m sqlq.Material, no int64) error {
	if m.PublishedNo > 0 {
		if err := tx.SetVersionStatus(ctx, sqlq.SetVersionStatusParams{MaterialID: m.ID, No: m.PublishedNo,
			Status: string(shopdojo.VersionRetired)}); err != nil {
			return err
		}
	}
	return tx.SetMaterialPublished(ctx, sqlq.SetMaterialPublishedParams{ID: m.ID, PublishedNo: no, UpdatedAt: a.nowMs()})
}

// RollbackVersion makes a new draft with the title and text of an earlier
// version; nothing is deleted, so the rollback itself can be undone.
func (a *App) RollbackVersion(ctx context.Context, ac Actor, id string, to int64, note string) (int64, error) {
	var no int64
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		m, k, err := a.loadMaterial(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		if err := ac.require(k.edit); err != nil {
			return err
		}
		old, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: id, No: to})
		if err != nil {
			return err
		}
		// An empty note is fine: pages say "restored from v…" from BasedOn.
		no = m.LatestNo + 1
		in := VersionInput{Title: old.Title, Body: old.Body, Note: strings.TrimSpace(note), Major: old.Major}
		return a.insertVersion(ctx, tx, ac, m, k, in, no, to)
	})
	return no, err
}
