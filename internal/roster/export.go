package roster

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

var (
	headersZH = []string{"工号*", "姓名*", "手机号", "邮箱", "部门", "岗位", "直属上级工号", "导师工号",
		"入职日期", "状态", "角色", "负责店铺", "钉钉ID", "企业微信ID", "飞书ID"}
	headersEN = []string{"Employee No*", "Name*", "Mobile", "Email", "Department", "Position",
		"Manager Employee No", "Mentor Employee No", "Hire Date", "Status", "Roles", "Stores",
		"DingTalk ID", "WeCom ID", "Feishu ID"}
)

// Headers returns the column headers of templates and exports in English
// for a lang starting with "en" and in Chinese otherwise. Parse recognizes
// both sets.
func Headers(lang string) []string {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return append([]string(nil), headersEN...)
	}
	return append([]string(nil), headersZH...)
}

const (
	peopleSheet = "人员"
	notesSheet  = "说明"
)

// Export writes rows to w as "xlsx" or "csv" (UTF-8 with a BOM, so Excel
// shows Chinese correctly) under headers, one per column in the order of
// Headers; nil means the Chinese headers. Pass headers that Parse knows
// (see Headers) if the file is to be imported again.
//
// Every cell, headers included, is guarded against formula injection: a
// value starting with = + - @ tab or carriage return (or the full-width
// ＝ ＋ － ＠ that Chinese input methods produce) gets a leading apostrophe.
// This deliberately also hits plain negative numbers and "+86 …" phone
// numbers: the apostrophe is visible in Excel but harmless, and Parse removes
// it again on import. Normalized rows (after Validate) rarely need it.
func Export(w io.Writer, format string, headers []string, rows []Row) error {
	if headers == nil {
		headers = headersZH
	}
	if len(headers) != len(columns) {
		return fmt.Errorf("roster.Export: %d headers, want %d", len(headers), len(columns))
	}
	switch strings.ToLower(format) {
	case "xlsx":
		return exportXLSX(w, headers, rows)
	case "csv":
		return exportCSV(w, headers, rows)
	}
	return fmt.Errorf("roster.Export: unknown format %q", format)
}

func exportCSV(w io.Writer, headers []string, rows []Row) error {
	if err := sheet.WriteCSV(w, headers, rowCells(rows)); err != nil {
		return fmt.Errorf("roster.Export: %w", err)
	}
	return nil
}

func exportXLSX(w io.Writer, headers []string, rows []Row) error {
	if err := sheet.WriteXLSX(w, peopleSheet, headers, rowCells(rows)); err != nil {
		return fmt.Errorf("roster.Export: %w", err)
	}
	return nil
}

// newWorkbook returns a workbook whose one sheet is named peopleSheet.
func newWorkbook() (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), peopleSheet); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

func rowCells(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i := range rows {
		out[i] = make([]string, len(columns))
		for j, c := range columns {
			out[i][j] = *c.field(&rows[i])
		}
	}
	return out
}

// Template returns an XLSX import template: the Chinese header row, one
// example row, a status drop-down, and a second sheet "说明" explaining each
// column in Chinese and English.
func Template() ([]byte, error) {
	f, err := newWorkbook()
	if err != nil {
		return nil, fmt.Errorf("roster.Template: %w", err)
	}
	defer func() { _ = f.Close() }()
	if err := addStatusList(f); err != nil {
		return nil, fmt.Errorf("roster.Template: %w", err)
	}
	if err := sheet.Stream(f, peopleSheet, headersZH, rowCells([]Row{exampleRow})); err != nil {
		return nil, fmt.Errorf("roster.Template: %w", err)
	}
	if err := writeNotes(f); err != nil {
		return nil, fmt.Errorf("roster.Template: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("roster.Template: %w", err)
	}
	return buf.Bytes(), nil
}

var exampleRow = Row{
	EmployeeNo: "E0001", Name: "张三", Mobile: "13800138000", Email: "zhangsan@example.com",
	Department: "运营部", Position: "客服专员", Manager: "E0000", Mentor: "E0002",
	HireDate: "2024-03-01", Status: "在职", Roles: "学员", Stores: "天猫旗舰店、京东自营店",
}

func addStatusList(f *excelize.File) error {
	col := 1 + slices.IndexFunc(columns, func(c column) bool { return c.key == ColStatus })
	first, _ := excelize.CoordinatesToCellName(col, 2)
	last, _ := excelize.CoordinatesToCellName(col, DefaultMaxRows+1)
	dv := excelize.NewDataValidation(true) // a drop-down that still accepts typed values
	dv.Sqref = first + ":" + last
	if err := dv.SetDropList([]string{"在职", "待离职", "离职"}); err != nil {
		return err
	}
	return f.AddDataValidation(peopleSheet, dv)
}

// notes are the rows of the instructions sheet: column, required, Chinese
// and English explanation.
var notes = [][]string{
	{"列 Column", "必填 Required", "说明", "Notes"},
	{"工号", "是 Yes", "员工唯一编号，仅限字母、数字、- 和 _，最长 32 位。", "Unique employee number: letters, digits, - and _, at most 32."},
	{"姓名", "是 Yes", "最长 64 个字。", "At most 64 characters."},
	{"手机号", "否 No", "11 位中国大陆手机号，可带 +86、空格或横线；文件内不可重复。", "11-digit mainland mobile; +86, spaces and dashes are fine; unique in the file."},
	{"邮箱", "否 No", "文件内不可重复。", "Unique in the file."},
	{"部门", "否 No", "须与系统中已有部门名称一致。", "Must match an existing department name."},
	{"岗位", "否 No", "", "Job title."},
	{"直属上级工号", "否 No", "上级的工号，不能是本人。", "Employee number of the direct manager; not the person themself."},
	{"导师工号", "否 No", "导师的工号，不能是本人。", "Employee number of the mentor; not the person themself."},
	{"入职日期", "否 No", "如 2024-03-01、2024/3/1、2024年3月1日 或 20240301。", "e.g. 2024-03-01, 2024/3/1, 2024年3月1日 or 20240301."},
	{"状态", "否 No", "在职、待离职 或 离职；留空为在职。", "active, leaving or left (or the Chinese words); empty means active."},
	{"角色", "否 No", "管理员、培训经理、讲师、导师、主管、学员、审计员，多个用逗号或顿号分隔；留空为学员。", "admin, training_manager, trainer, mentor, team_lead, learner, auditor; separate several with commas; empty means learner."},
	{"负责店铺", "否 No", "店铺名称，多个用逗号、分号或顿号分隔。", "Store names separated by commas, semicolons or 、."},
	{"钉钉ID / 企业微信ID / 飞书ID", "否 No", "用于消息提醒的账号 ID。", "Account ids used for reminders."},
	{},
	{"提示", "", "表头在第一行；请在导入前删除示例行。", "The header is the first row; delete the example row before importing."},
}

func writeNotes(f *excelize.File) error {
	if _, err := f.NewSheet(notesSheet); err != nil {
		return err
	}
	for i, r := range notes {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(notesSheet, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(notesSheet, "A", "B", 18); err != nil {
		return err
	}
	return f.SetColWidth(notesSheet, "C", "D", 60)
}
