package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Question banks hold answer keys, so only content editors ever see them.
// Who sees which bank: reviewers (training managers, admins) every bank;
// other editors the banks they own, are members of, or that are shared.
// Who changes a bank and its questions: reviewers, the owner, and members
// with edit rights.

// BankInput is what a person submits for a bank.
type BankInput struct {
	Name, Description string
	Shared            bool
}

func (in *BankInput) normalize() error {
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 100)
	v.Check(utf8.RuneCountInString(in.Description) <= 1000, "description", "error.too_long")
	return v.Err()
}

func (in BankInput) fields() map[string]string {
	shared := "false"
	if in.Shared {
		shared = "true"
	}
	return map[string]string{"name": in.Name, "description": in.Description, "shared": shared}
}

func toBank(id, name, desc, owner, ownerName string, shared bool, n, created, updated int64) shopdojo.Bank {
	return shopdojo.Bank{ID: id, Name: name, Description: desc, OwnerID: owner, OwnerName: ownerName, Shared: shared,
		Questions: n, CreatedAt: fromMs(created), UpdatedAt: fromMs(updated)}
}

// bankRights reports whether ac may see and edit the bank; a bank the
// actor may not see is not found.
func bankRights(ctx context.Context, q *store.Queries, ac Actor, b sqlq.GetBankRow) (canEdit bool, err error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return false, err
	}
	if ac.System || ac.Can(shopdojo.PermContentReview) || b.OwnerID == ac.PersonID {
		return true, nil
	}
	edit, err := q.GetBankMember(ctx, sqlq.GetBankMemberParams{BankID: b.ID, PersonID: ac.PersonID})
	switch {
	case err == nil:
		return edit, nil
	case shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound:
		return false, err
	case b.Shared:
		return false, nil
	}
	return false, shopdojo.ErrNotFound
}

// loadBank reads a bank the actor may see; write demands edit rights.
func loadBank(ctx context.Context, q *store.Queries, ac Actor, id string, write bool) (shopdojo.Bank, error) {
	b, err := q.GetBank(ctx, id)
	if err != nil {
		return shopdojo.Bank{}, err
	}
	canEdit, err := bankRights(ctx, q, ac, b)
	if err != nil {
		return shopdojo.Bank{}, err
	}
	if write && !canEdit {
		return shopdojo.Bank{}, shopdojo.ErrForbidden
	}
	bank := toBank(b.ID, b.Name, b.Description, b.OwnerID, b.OwnerName, b.Shared, b.Questions, b.CreatedAt, b.UpdatedAt)
	bank.CanEdit = canEdit
	return bank, nil
}

// Banks lists the banks the actor may see.
func (a *App) Banks(ctx context.Context, ac Actor) ([]shopdojo.Bank, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, err
	}
	all := int64(0)
	if ac.System || ac.Can(shopdojo.PermContentReview) {
		all = 1
	}
	var rows []sqlq.ListBanksRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		rows, err = q.ListBanks(ctx, sqlq.ListBanksParams{AllBanks: all, ViewerID: ac.PersonID})
		return err
	})
	return mapRows(rows, func(r sqlq.ListBanksRow) shopdojo.Bank {
		return toBank(r.ID, r.Name, r.Description, r.OwnerID, r.OwnerName, r.Shared, r.Questions, r.CreatedAt, r.UpdatedAt)
	}), err
}

// Bank returns one bank with the actor's rights on it.
func (a *App) Bank(ctx context.Context, ac Actor, id string) (shopdojo.Bank, error) {
	var b shopdojo.Bank
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { b, err = loadBank(ctx, q, ac, id, false); return })
	return b, err
}

// CreateBank makes a bank owned by the actor.
func (a *App) CreateBank(ctx context.Context, ac Actor, in BankInput) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	if ac.PersonID == "" {
		return "", shopdojo.E(shopdojo.KindInvalid, "error.bank_needs_owner")
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertBank(ctx, sqlq.InsertBankParams{ID: id, Name: in.Name, Description: in.Description,
			OwnerID: ac.PersonID, Shared: in.Shared, CreatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		return a.record(ctx, tx, ac, change{Action: "bank.create", ObjectType: "bank", ObjectID: id,
			ObjectName: in.Name, After: in.fields()})
	})
	return id, err
}

// UpdateBank renames, re-describes or (un)shares a bank.
func (a *App) UpdateBank(ctx context.Context, ac Actor, id string, in BankInput) error {
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := loadBank(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		if err := tx.UpdateBank(ctx, sqlq.UpdateBankParams{ID: id, Name: in.Name, Description: in.Description,
			Shared: in.Shared, UpdatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		before := BankInput{Name: old.Name, Description: old.Description, Shared: old.Shared}
		return a.record(ctx, tx, ac, change{Action: "bank.update", ObjectType: "bank", ObjectID: id,
			ObjectName: in.Name, Before: before.fields(), After: in.fields()})
	})
}

// BankMembers lists whom a bank is shared with.
func (a *App) BankMembers(ctx context.Context, ac Actor, id string) ([]shopdojo.BankMember, error) {
	var rows []sqlq.ListBankMembersRow
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := loadBank(ctx, q, ac, id, false); err != nil {
			return err
		}
		var err error
		rows, err = q.ListBankMembers(ctx, id)
		return err
	})
	return mapRows(rows, func(r sqlq.ListBankMembersRow) shopdojo.BankMember {
		return shopdojo.BankMember{PersonID: r.PersonID, Name: r.Name, EmployeeNo: r.EmployeeNo, CanEdit: r.CanEdit}
	}), err
}

// ShareBank gives a person (by employee number) view or edit rights; only
// content editors can be members, since banks hold answer keys.
func (a *App) ShareBank(ctx context.Context, ac Actor, id, employeeNo string, canEdit bool) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		b, err := loadBank(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		m, ok, err := activeByNo(ctx, tx, strings.TrimSpace(employeeNo))
		if err != nil {
			return err
		}
		if !ok {
			return fieldErr(shopdojo.ErrNotFound, "employee_no", "error.person_unknown")
		}
		other, err := a.loadPerson(ctx, tx.Queries, m.id)
		if err != nil {
			return err
		}
		if !shopdojo.Can(other.Roles, shopdojo.PermContentEdit) {
			return fieldErr(shopdojo.ErrNotFound, "employee_no", "error.bank_member_role")
		}
		if err := tx.PutBankMember(ctx, sqlq.PutBankMemberParams{BankID: id, PersonID: m.id, CanEdit: canEdit}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "bank.share", ObjectType: "bank", ObjectID: id, ObjectName: b.Name,
			After: map[string]string{"member": m.name + " " + m.no, "can_edit": boolText(canEdit)}})
	})
}

// UnshareBank removes a member.
func (a *App) UnshareBank(ctx context.Context, ac Actor, id, personID string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		b, err := loadBank(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		n, err := tx.DeleteBankMember(ctx, sqlq.DeleteBankMemberParams{BankID: id, PersonID: personID})
		if err != nil || n == 0 {
			return firstErr(err, shopdojo.ErrNotFound)
		}
		return a.record(ctx, tx, ac, change{Action: "bank.unshare", ObjectType: "bank", ObjectID: id,
			ObjectName: b.Name, Before: map[string]string{"member": personID}})
	})
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
