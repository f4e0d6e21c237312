package roster

import (
	"strings"
)

// headerAliases lists, per column key, the header texts seen in Chinese HR
// exports and in English files. They are compared after normalizeHeader.
var headerAliases = map[string][]string{
	ColEmployeeNo: {"工号", "员工编号", "员工工号", "employee no", "employee number", "employee_no", "emp no", "employee id"},
	ColName:       {"姓名", "名字", "员工姓名", "name", "full name"},
	ColMobile:     {"手机", "手机号", "手机号码", "联系电话", "mobile", "phone", "mobile phone"},
	ColEmail:      {"邮箱", "电子邮箱", "邮箱地址", "email", "e-mail"},
	ColDepartment: {"部门", "所属部门", "department"},
	ColPosition:   {"岗位", "职位", "position", "job title"},
	ColManager:    {"直属上级工号", "上级工号", "上级", "manager", "manager employee no"},
	ColMentor:     {"导师工号", "导师", "mentor", "mentor employee no"},
	ColHireDate:   {"入职日期", "入职时间", "hire date", "start date"},
	ColStatus:     {"状态", "在职状态", "status"},
	ColRoles:      {"角色", "roles", "role"},
	ColStores:     {"店铺", "负责店铺", "stores", "store"},
	ColDingTalkID: {"钉钉id", "钉钉userid", "dingtalk", "dingtalk id"},
	ColWeComID:    {"企业微信id", "企微id", "wecom", "wecom id"},
	ColFeishuID:   {"飞书id", "飞书open_id", "feishu", "feishu id"},
}

// headerIndex maps a normalized header text to its column key.
var headerIndex = buildHeaderIndex()

func buildHeaderIndex() map[string]string {
	m := map[string]string{}
	for key, aliases := range headerAliases {
		for _, a := range aliases {
			m[normalizeHeader(a)] = key
		}
	}
	return m
}

// requiredMarkers are the marks templates put on mandatory columns.
var requiredMarkers = []string{"*", "＊", "(必填)", "（必填）", "(required)"}

// normalizeHeader lowercases a header, strips required markers at either end
// and treats "_" and runs of white space as one space, so "员工编号 *",
// "*工号" and "Employee_No" all match their alias.
func normalizeHeader(s string) string {
	s = strings.ToLower(trim(s))
	for changed := true; changed; {
		changed = false
		for _, m := range requiredMarkers {
			if t, ok := strings.CutSuffix(s, m); ok {
				s, changed = trim(t), true
			}
			if t, ok := strings.CutPrefix(s, m); ok {
				s, changed = trim(t), true
			}
		}
	}
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// mapHeader returns, for each entry of columns, the cell index holding it
// (-1 when absent). The first of repeated headers wins.
func mapHeader(cells []string) []int {
	idx := make([]int, len(columns))
	for i := range idx {
		idx[i] = -1
	}
	for ci, cell := range cells {
		key, ok := headerIndex[normalizeHeader(cell)]
		if !ok {
			continue
		}
		for i, c := range columns {
			if c.key == key && idx[i] < 0 {
				idx[i] = ci
			}
		}
	}
	return idx
}

// isHeader reports whether cells hold an employee-number header, the one
// column that marks the header row.
func isHeader(cells []string) bool {
	for _, c := range cells {
		if headerIndex[normalizeHeader(c)] == ColEmployeeNo {
			return true
		}
	}
	return false
}
