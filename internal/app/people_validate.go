package app

import (
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/roster"
)

// normalizePerson validates and normalizes a person with the same rules as
// the people importer, so a form and a spreadsheet row behave alike.
func normalizePerson(in *PersonInput) error {
	roles := make([]string, len(in.Roles))
	for i, r := range in.Roles {
		roles[i] = string(r)
	}
	if len(roles) == 0 {
		roles = []string{string(shopdojo.RoleLearner)}
	}
	row := roster.Row{Line: 2, EmployeeNo: strings.TrimSpace(in.EmployeeNo), Name: strings.TrimSpace(in.Name),
		Mobile: strings.TrimSpace(in.Mobile), Email: strings.TrimSpace(in.Email), HireDate: strings.TrimSpace(in.HireDate),
		Status: string(in.Status), Roles: strings.Join(roles, ","), DingTalkID: strings.TrimSpace(in.DingTalkID),
		WeComID: strings.TrimSpace(in.WeComID), FeishuID: strings.TrimSpace(in.FeishuID)}
	rows := []roster.Row{row}
	probs := roster.Validate(rows)
	if len(probs) > 0 {
		e := &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{}}
		for _, p := range probs {
			// Form fields show messages without arguments: the "field."
			// variants of the importer's messages.
			if _, ok := e.Fields[p.Field]; !ok {
				e.Fields[p.Field] = "field." + strings.TrimPrefix(p.Msg, "roster.")
			}
		}
		return e
	}
	row = rows[0]
	in.EmployeeNo, in.Name, in.Mobile, in.Email = row.EmployeeNo, row.Name, row.Mobile, row.Email
	in.HireDate, in.Status = row.HireDate, shopdojo.PersonStatus(row.Status)
	in.DingTalkID, in.WeComID, in.FeishuID = row.DingTalkID, row.WeComID, row.FeishuID
	in.Roles = in.Roles[:0]
	for _, r := range strings.Split(row.Roles, ",") {
		if r != "" {
			in.Roles = append(in.Roles, shopdojo.Role(r))
		}
	}
	return nil
}
