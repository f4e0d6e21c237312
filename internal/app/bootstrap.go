package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Bootstrap makes sure an administrator exists. On first start it creates
// one (employee number "admin") with a random password that the caller
// prints once; afterwards it returns "".
func (a *App) Bootstrap(ctx context.Context) (password string, err error) {
	ac := SystemActor("system")
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetSetting(ctx, "initialized"); err == nil {
			return nil
		}
		password = auth.Password(16)
		h, err := auth.HashPassword(password, a.opt.Password)
		if err != nil {
			return err
		}
		id := newID()
		in := PersonInput{EmployeeNo: "admin", Name: "系统管理员", Status: shopdojo.StatusActive,
			Roles: []shopdojo.Role{shopdojo.RoleAdmin}}
		if err := a.insertPerson(ctx, tx, id, in); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, sqlq.SetPasswordParams{PersonID: id, PasswordHash: h, MustChange: true, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		if err := tx.PutSetting(ctx, sqlq.PutSettingParams{Key: "initialized", Value: a.now().Format("2006-01-02T15:04:05Z")}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "system.init", ObjectType: "person", ObjectID: id, ObjectName: in.Name})
	})
	return password, err
}

// Setting reads a setting; ok is false when it is not set.
func (a *App) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = a.store.Read(ctx, func(q *store.Queries) (err error) { value, err = q.GetSetting(ctx, key); return })
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return "", false, nil
	}
	return value, err == nil, err
}
