package app

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/qbank"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo company's question banks, one YAML content pack each: the file
// name is the bank's name without 题库, the first line "# description: …".
//
//go:embed demodata/banks/*.yaml
var demoBanks embed.FS

func (a *App) seedBanks(ctx context.Context, tx *store.Tx, ids map[string]string) error {
	files, err := demoBanks.ReadDir("demodata/banks")
	if err != nil {
		return err
	}
	owner := Actor{PersonID: ids["SD9002"], Name: "邓超", Roles: []shopdojo.Role{shopdojo.RoleTrainer}}
	for _, f := range files {
		if err := a.seedBank(ctx, tx, owner, f.Name(), ids); err != nil {
			return fmt.Errorf("demo bank %s: %w", f.Name(), err)
		}
	}
	return nil
}

func (a *App) seedBank(ctx context.Context, tx *store.Tx, owner Actor, file string, ids map[string]string) error {
	data, err := demoBanks.ReadFile("demodata/banks/" + file)
	if err != nil {
		return err
	}
	qs, probs, err := qbank.ParseYAML(bytes.NewReader(data))
	if err != nil || len(probs) > 0 {
		return firstErr(err, fmt.Errorf("%d problems, first %+v", len(probs), probs))
	}
	first, _, _ := strings.Cut(string(data), "\n")
	in := BankInput{Name: strings.TrimSuffix(file, path.Ext(file)) + "题库", Shared: true,
		Description: strings.TrimSpace(strings.TrimPrefix(first, "# description:"))}
	id := newID()
	ids["bank:"+in.Name] = id
	if err := tx.InsertBank(ctx, sqlq.InsertBankParams{ID: id, Name: in.Name, Description: in.Description,
		OwnerID: owner.PersonID, Shared: true, CreatedAt: a.nowMs()}); err != nil {
		return err
	}
	if err := a.record(ctx, tx, owner, change{Action: "bank.create", ObjectType: "bank", ObjectID: id,
		ObjectName: in.Name, After: in.fields()}); err != nil {
		return err
	}
	for _, q := range qs {
		if _, _, err := a.saveQuestionTx(ctx, tx, owner, QuestionInput{BankID: id, Question: q}); err != nil {
			return err
		}
	}
	return nil
}
