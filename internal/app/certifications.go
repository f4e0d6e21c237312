package app

import (
	"context"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Stage gates and certification records. An exam that certifies awards
// its certification when a pass is released to the learner (never before:
// the record would tell the result early); a later pass renews it. The
// award is audited with the result it follows from.

func (a *App) certify(ctx context.Context, tx *store.Tx, e shopdojo.Exam, r sqlq.GetAttemptRow) error {
	at := r.Attempt
	now := a.now()
	var expires int64
	if e.ValidMonths > 0 {
		expires = now.In(a.opt.Location).AddDate(0, e.ValidMonths, 0).UnixMilli()
	}
	if _, err := tx.AwardCertification(ctx, sqlq.AwardCertificationParams{ID: newID(), PersonID: at.PersonID,
		ExamID: e.ID, AttemptID: at.ID, Name: e.Certifies, Score: at.Score, MaxScore: at.MaxScore,
		AwardedAt: now.UnixMilli(), ExpiresAt: expires}); err != nil {
		return err
	}
	return a.record(ctx, tx, SystemActor("exam"), change{Action: "certification.award", ObjectType: "certification",
		ObjectID: at.PersonID + "/" + e.ID, ObjectName: e.Certifies + " · " + r.PersonName,
		After: map[string]string{"exam": e.Title, "attempt": at.ID, "score": fmtPoints(at.Score),
			"expires": timeField(fromMs(expires)), "valid_months": strconv.Itoa(e.ValidMonths)}})
}

func toCertification(c sqlq.Certification) shopdojo.Certification {
	return shopdojo.Certification{ID: c.ID, PersonID: c.PersonID, ExamID: c.ExamID, AttemptID: c.AttemptID,
		Name: c.Name, Score: c.Score, MaxScore: c.MaxScore, AwardedAt: fromMs(c.AwardedAt), ExpiresAt: fromMs(c.ExpiresAt)}
}

// MyCertifications lists the actor's certifications, newest first.
func (a *App) MyCertifications(ctx context.Context, ac Actor) ([]shopdojo.Certification, error) {
	if ac.PersonID == "" {
		return nil, nil
	}
	var out []shopdojo.Certification
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListPersonCertifications(ctx, ac.PersonID)
		for _, r := range rows {
			c := toCertification(r.Certification)
			c.ExamTitle, c.ExamTitleEN = r.ExamTitle, r.ExamTitleEn
			out = append(out, c)
		}
		return err
	})
	return out, err
}

// ExamCertifications lists who holds an exam's certification, for those
// who run the exam.
func (a *App) ExamCertifications(ctx context.Context, ac Actor, examID string) ([]shopdojo.Certification, error) {
	var out []shopdojo.Certification
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := loadExam(ctx, q, ac, examID, true); err != nil {
			return err
		}
		rows, err := q.ListExamCertifications(ctx, examID)
		for _, r := range rows {
			c := toCertification(r.Certification)
			c.PersonName, c.EmployeeNo = r.PersonName, r.EmployeeNo
			out = append(out, c)
		}
		return err
	})
	return out, err
}

// Unlocked reports whether a stage gated by examID is open to personID:
// the person holds the exam's certification, still valid. Curricula use
// it to open what a stage exam gates.
func (a *App) Unlocked(ctx context.Context, personID, examID string) (bool, error) {
	var c sqlq.Certification
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		c, err = q.GetCertification(ctx, sqlq.GetCertificationParams{PersonID: personID, ExamID: examID})
		return err
	})
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return toCertification(c).Valid(a.now()), nil
}
