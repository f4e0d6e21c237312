package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// DemoPassword is every demo person's password; it is printed only in demo mode.
const DemoPassword = "shopdojo-demo"

type demoPerson struct {
	no, name, dept, pos, hire string
	roles                     []shopdojo.Role
	mentor, manager           string
	status                    shopdojo.PersonStatus
}

var (
	demoDepts     = []string{"运营部", "客服部", "推广部", "内容部", "仓储物流部", "培训部"}
	demoDeptCodes = []string{"OPS", "CS", "ADS", "CONTENT", "WMS", "TRAIN"}
	demoPositions = [][2]string{
		{"运营专员", "负责店铺日常运营：商品上下架、活动报名、页面与详情优化、数据日报。"},
		{"客服专员", "售前咨询与售后处理，关注 3 分钟响应率、询单转化率和退款纠纷率。"},
		{"推广专员", "万相台无界、京东快车、多多搜索、巨量千川等付费推广的计划搭建与 ROI 优化。"},
		{"内容运营", "短视频、直播脚本、逛逛/种草笔记与详情页文案。"},
		{"仓储物流专员", "打包发货、库存盘点、物流异常与时效跟踪。"},
		{"运营主管", "带领小组达成 GMV 目标，复盘数据、辅导组员。"},
		{"培训经理", "搭建培训体系、组织新人带教与考核认证。"},
	}
)

func lr(r ...shopdojo.Role) []shopdojo.Role { return append(r, shopdojo.RoleLearner) }

var demoPeople = []demoPerson{
	{"SD1001", "张伟", "运营部", "运营主管", "2021-03-15", lr(shopdojo.RoleTeamLead, shopdojo.RoleMentor), "", "", ""},
	{"SD1002", "王芳", "运营部", "运营专员", "2022-06-01", lr(shopdojo.RoleMentor), "", "SD1001", ""},
	{"SD1003", "李娜", "运营部", "运营专员", "2023-02-20", lr(), "SD1002", "SD1001", ""},
	{"SD1004", "刘洋", "运营部", "运营专员", "2023-09-04", lr(), "SD1002", "SD1001", ""},
	{"SD1005", "陈静", "运营部", "运营专员", "2024-04-08", lr(), "SD1002", "SD1001", ""},
	{"SD1006", "杨磊", "运营部", "运营专员", "2025-03-03", lr(), "SD1001", "SD1001", ""},
	{"SD1007", "赵敏", "运营部", "运营专员", "+recent", lr(), "SD1002", "SD1001", ""},
	{"SD1008", "黄婷", "运营部", "运营专员", "2024-11-11", lr(), "SD1001", "SD1001", shopdojo.StatusLeaving},
	{"SD2001", "周杰", "客服部", "运营主管", "2020-08-17", lr(shopdojo.RoleTeamLead, shopdojo.RoleMentor), "", "", ""},
	{"SD2002", "吴倩", "客服部", "客服专员", "2022-05-09", lr(shopdojo.RoleMentor), "", "SD2001", ""},
	{"SD2003", "徐丽", "客服部", "客服专员", "2023-07-10", lr(), "SD2002", "SD2001", ""},
	{"SD2004", "孙浩", "客服部", "客服专员", "2024-02-26", lr(), "SD2002", "SD2001", ""},
	{"SD2005", "马超", "客服部", "客服专员", "2025-06-16", lr(), "SD2002", "SD2001", ""},
	{"SD2006", "朱琳", "客服部", "客服专员", "+recent", lr(), "SD2002", "SD2001", ""},
	{"SD2007", "胡雪", "客服部", "客服专员", "2023-01-30", lr(), "", "SD2001", shopdojo.StatusLeft},
	{"SD3001", "郭强", "推广部", "运营主管", "2021-10-11", lr(shopdojo.RoleTeamLead, shopdojo.RoleMentor), "", "", ""},
	{"SD3002", "何鹏", "推广部", "推广专员", "2022-12-05", lr(), "SD3001", "SD3001", ""},
	{"SD3003", "高翔", "推广部", "推广专员", "2024-08-19", lr(), "SD3001", "SD3001", ""},
	{"SD3004", "林晓", "推广部", "推广专员", "+recent", lr(), "SD3002", "SD3001", ""},
	{"SD3005", "罗娟", "推广部", "推广专员", "2025-09-01", lr(), "SD3002", "SD3001", ""},
	{"SD4001", "梁晨", "内容部", "运营主管", "2022-03-21", lr(shopdojo.RoleTeamLead, shopdojo.RoleTrainer), "", "", ""},
	{"SD4002", "宋佳", "内容部", "内容运营", "2023-05-15", lr(), "SD4001", "SD4001", ""},
	{"SD4003", "郑爽", "内容部", "内容运营", "2024-10-08", lr(), "SD4001", "SD4001", ""},
	{"SD4004", "谢雨", "内容部", "内容运营", "2025-07-07", lr(), "SD4002", "SD4001", ""},
	{"SD5001", "韩冬", "仓储物流部", "运营主管", "2020-04-13", lr(shopdojo.RoleTeamLead), "", "", ""},
	{"SD5002", "唐亮", "仓储物流部", "仓储物流专员", "2023-11-20", lr(), "SD5001", "SD5001", ""},
	{"SD5003", "冯刚", "仓储物流部", "仓储物流专员", "2025-02-17", lr(), "SD5001", "SD5001", ""},
	{"SD9001", "许晴", "培训部", "培训经理", "2021-01-04", []shopdojo.Role{shopdojo.RoleTrainingManager, shopdojo.RoleTrainer}, "", "", ""},
	{"SD9002", "邓超", "培训部", "培训经理", "2022-09-13", []shopdojo.Role{shopdojo.RoleTrainer, shopdojo.RoleMentor}, "", "SD9001", ""},
	{"SD9003", "曹颖", "培训部", "培训经理", "2023-03-06", []shopdojo.Role{shopdojo.RoleAuditor}, "", "SD9001", ""},
	// The rest of the 客服部 team on the Tmall store (demo_storedata.go).
	{"SD2008", "蒋雯", "客服部", "客服专员", "2024-05-13", lr(), "SD2002", "SD2001", ""},
	{"SD2009", "韦佳", "客服部", "客服专员", "2024-09-02", lr(), "SD2002", "SD2001", ""},
	{"SD2010", "沈涛", "客服部", "客服专员", "2025-01-06", lr(), "SD2002", "SD2001", ""},
	{"SD2011", "彭悦", "客服部", "客服专员", "2024-12-02", lr(), "SD2002", "SD2001", ""},
	{"SD2012", "陶然", "客服部", "客服专员", "2025-04-21", lr(), "SD2002", "SD2001", ""},
}

var demoStores = []struct {
	platform shopdojo.Platform
	name     string
	owner    string
}{
	{shopdojo.PlatformTmall, "示例家居天猫旗舰店", "SD1001"},
	{shopdojo.PlatformDouyin, "示例家居抖音小店", "SD4001"},
	{shopdojo.PlatformJD, "示例家居京东POP店", "SD1004"},
	{shopdojo.PlatformPinduoduo, "示例家居拼多多旗舰店", "SD1006"},
	{shopdojo.PlatformShopify, "ShopDojo Home (Shopify)", "SD1005"},
}

// DemoLogin is a demo account to print at start-up.
type DemoLogin struct{ EmployeeNo, Name, Roles string }

// SeedDemo fills an empty installation with the demo company 示例电商有限公司
// once, and returns the accounts to print. A second call does nothing.
func (a *App) SeedDemo(ctx context.Context) ([]DemoLogin, error) {
	if _, ok, err := a.Setting(ctx, "demo_seeded"); err != nil || ok {
		return nil, err
	}
	h, err := auth.HashPassword(DemoPassword, a.opt.Password)
	if err != nil {
		return nil, err
	}
	ac := SystemActor("demo")
	var logins []DemoLogin
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		ids, err := a.seedOrg(ctx, tx, ac)
		if err != nil {
			return err
		}
		if logins, err = a.seedPeople(ctx, tx, ac, ids, h); err != nil {
			return err
		}
		if err := a.seedStores(ctx, tx, ac, ids); err != nil {
			return err
		}
		if err := a.seedGroups(ctx, tx, ac, ids); err != nil {
			return err
		}
		if err := a.seedProfiles(ctx, tx, ids); err != nil {
			return err
		}
		// The curriculum first: it is what an installation starts with, and
		// the demo's own banks and exams then list before its 42 quizzes.
		if err := a.seedCurriculum(ctx, tx, ids); err != nil {
			return fmt.Errorf("demo curriculum: %w", err)
		}
		if err := a.seedBanks(ctx, tx, ids); err != nil {
			return err
		}
		if err := a.seedExams(ctx, tx, ids); err != nil {
			return fmt.Errorf("demo exams: %w", err)
		}
		return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: "demo_seeded", Value: "1"})
	})
	a.packs.reset()
	if err != nil {
		return nil, err
	}
	// SOP runs go through the methods people use, after the commit: they
	// upload evidence to the file store and sign off in their own
	// transactions.
	if err := a.seedRuns(ctx); err != nil {
		return nil, fmt.Errorf("demo runs: %w", err)
	}
	if err := a.seedDraftCourse(ctx); err != nil {
		return nil, err
	}
	if err := a.seedLessonFiles(ctx); err != nil {
		return nil, err
	}
	if err := a.seedWatch(ctx); err != nil {
		return nil, fmt.Errorf("demo watch unit: %w", err)
	}
	if err := a.seedPathDraft(ctx); err != nil {
		return nil, err
	}
	if err := a.seedStoreData(ctx); err != nil {
		return nil, fmt.Errorf("demo store data: %w", err)
	}
	if err := a.seedNeeds(ctx); err != nil {
		return nil, fmt.Errorf("demo needs analysis: %w", err)
	}
	if err := a.seedKB(ctx); err != nil {
		return nil, fmt.Errorf("demo knowledge base: %w", err)
	}
	if err := a.seedSearch(ctx); err != nil {
		return nil, fmt.Errorf("demo search: %w", err)
	}
	return logins, nil
}

func (a *App) seedOrg(ctx context.Context, tx *store.Tx, ac Actor) (map[string]string, error) {
	ids := map[string]string{}
	now := a.nowMs()
	if err := tx.PutSetting(ctx, sqlq.PutSettingParams{Key: "company_name", Value: "示例电商有限公司"}); err != nil {
		return nil, err
	}
	for i, d := range demoDepts {
		ids[d] = newID()
		if err := tx.InsertDepartment(ctx, sqlq.InsertDepartmentParams{ID: ids[d], Name: d, Code: demoDeptCodes[i],
			SortOrder: int64(i * 10), CreatedAt: now, UpdatedAt: now}); err != nil {
			return nil, err
		}
		if err := a.record(ctx, tx, ac, change{Action: "department.create", ObjectType: "department", ObjectID: ids[d],
			ObjectName: d, After: map[string]string{"name": d, "code": demoDeptCodes[i]}}); err != nil {
			return nil, err
		}
	}
	for i, p := range demoPositions {
		ids[p[0]] = newID()
		if err := tx.InsertPosition(ctx, sqlq.InsertPositionParams{ID: ids[p[0]], Name: p[0], Code: fmt.Sprintf("P%02d", i+1),
			Description: p[1], CreatedAt: now, UpdatedAt: now}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (a *App) seedPeople(ctx context.Context, tx *store.Tx, ac Actor, ids map[string]string, hash string) ([]DemoLogin, error) {
	var logins []DemoLogin
	recent := a.now().In(a.opt.Location).AddDate(0, 0, -9).Format("2006-01-02")
	for i, d := range demoPeople {
		ids[d.no] = newID()
		hire := d.hire
		if hire == "+recent" {
			hire = recent
		}
		st := d.status
		if st == "" {
			st = shopdojo.StatusActive
		}
		in := PersonInput{EmployeeNo: d.no, Name: d.name, Mobile: fmt.Sprintf("1380013%04d", 8000+i),
			Email: strings.ToLower(d.no) + "@demo.shopdojo.cn", DepartmentID: ids[d.dept], PositionID: ids[d.pos],
			ManagerID: ids[d.manager], MentorID: ids[d.mentor], HireDate: hire, Status: st, Roles: d.roles}
		if err := a.insertPerson(ctx, tx, ids[d.no], in); err != nil {
			return nil, fmt.Errorf("demo person %s: %w", d.no, err)
		}
		if err := tx.SetPassword(ctx, sqlq.SetPasswordParams{PersonID: ids[d.no], PasswordHash: hash, UpdatedAt: a.nowMs()}); err != nil {
			return nil, err
		}
		if err := a.record(ctx, tx, ac, change{Action: "person.create", ObjectType: "person", ObjectID: ids[d.no],
			ObjectName: d.name, After: in.fields()}); err != nil {
			return nil, err
		}
		if i == 0 || len(d.roles) > 1 || d.roles[0] != shopdojo.RoleLearner {
			logins = append(logins, DemoLogin{EmployeeNo: d.no, Name: d.name, Roles: roleList(d.roles)})
		}
	}
	return logins, nil
}

func (a *App) seedStores(ctx context.Context, tx *store.Tx, ac Actor, ids map[string]string) error {
	now := a.nowMs()
	for _, s := range demoStores {
		id := newID()
		if err := tx.InsertStore(ctx, sqlq.InsertStoreParams{ID: id, Platform: string(s.platform), Name: s.name,
			OwnerID: nullStr(ids[s.owner]), CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		if err := tx.AddPersonStore(ctx, sqlq.AddPersonStoreParams{PersonID: ids[s.owner], StoreID: id}); err != nil {
			return err
		}
	}
	return nil
}

func roleList(rs []shopdojo.Role) string { return PersonInput{Roles: rs}.fields()["roles"] }
