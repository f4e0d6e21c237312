package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// SynonymGroup is a set of words search treats as one (客单价 = AOV = 客单).
type SynonymGroup struct {
	ID    string
	Terms []string
}

// StarterSynonyms are the groups a new installation starts with: the
// metrics, tools and after-sales words of Tmall, JD and Douyin shops,
// written as operations trainers say them.
var StarterSynonyms = [][]string{
	{"客单价", "AOV", "客单", "笔单价"},
	{"投产比", "ROI", "投入产出比", "投资回报率"},
	{"转化率", "CVR", "成交转化率"},
	{"点击率", "CTR"},
	{"千次展现成本", "CPM", "千展成本"},
	{"单次点击成本", "CPC", "点击单价", "PPC"},
	{"广告支出回报", "ROAS", "广告投产"},
	{"成交总额", "GMV", "成交额", "交易额"},
	{"退款", "退货退款", "仅退款", "售后退款"},
	{"客服", "客户服务", "CS"},
	{"直通车", "淘宝直通车", "关键词推广"},
	{"万相台", "万相台无界", "全站推广"},
	{"引力魔方", "超级推荐"},
	{"千川", "巨量千川", "抖音投流"},
	{"京东快车", "京准通"},
	{"抖店", "抖音小店", "抖音电商"},
	{"生意参谋", "数据后台"},
	{"DSR", "店铺评分", "动态评分"},
	{"详情页", "宝贝详情", "商品详情页"},
	{"主图", "首图"},
	{"复购率", "回购率", "重复购买率"},
	{"加购", "加入购物车", "加购率"},
	{"达人", "KOL", "带货达人"},
	{"大促", "双十一", "618"},
	{"UV", "访客数", "独立访客"},
}

// SynonymInput is a group as a manager writes it: members separated by
// "=", commas or new lines.
type SynonymInput struct {
	Terms string
}

func (in SynonymInput) terms() ([]string, error) {
	f := strings.FieldsFunc(in.Terms, func(r rune) bool { return strings.ContainsRune("=,，、;；\n\r", r) })
	var out []string
	seen := map[string]bool{}
	var v shopdojo.Validation
	for _, t := range f {
		t = strings.TrimSpace(t)
		if t == "" || seen[search.Normalize(t)] {
			continue
		}
		seen[search.Normalize(t)] = true
		v.Check(utf8.RuneCountInString(t) <= 30, "terms", "error.too_long")
		out = append(out, t)
	}
	v.Check(len(out) >= 2, "terms", "search.error.synonym_two")
	v.Check(len(out) <= 12, "terms", "search.error.synonym_many")
	return out, v.Err()
}

// SynonymGroups lists the synonym groups.
func (a *App) SynonymGroups(ctx context.Context, ac Actor) ([]SynonymGroup, error) {
	if err := ac.require(shopdojo.PermSearchManage); err != nil {
		return nil, err
	}
	rows, err := a.synonymRows(ctx)
	out := make([]SynonymGroup, len(rows))
	for i, r := range rows {
		out[i] = SynonymGroup{ID: r.ID, Terms: strings.Split(r.Terms, "\n")}
	}
	return out, err
}

func (a *App) synonymRows(ctx context.Context) ([]sqlq.SearchSynonym, error) {
	var rows []sqlq.SearchSynonym
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListSearchSynonyms(ctx); return })
	return rows, err
}

// synonymSet is the synonym groups as the query parser uses them.
func (a *App) synonymSet(ctx context.Context) (*search.Synonyms, error) {
	now := a.now()
	if s, ok := a.search.synonyms.get("", a.store.Gen(), now); ok {
		return s, nil
	}
	rows, err := a.synonymRows(ctx)
	if err != nil {
		return nil, err
	}
	groups := make([][]string, len(rows))
	for i, r := range rows {
		groups[i] = strings.Split(r.Terms, "\n")
	}
	s := search.NewSynonyms(groups)
	a.search.synonyms.put("", s, a.store.Gen(), now)
	return s, nil
}

// CreateSynonymGroup adds a group.
func (a *App) CreateSynonymGroup(ctx context.Context, ac Actor, in SynonymInput) (string, error) {
	if err := ac.require(shopdojo.PermSearchManage); err != nil {
		return "", err
	}
	terms, err := in.terms()
	if err != nil {
		return "", err
	}
	id := newID()
	return id, a.store.Tx(ctx, func(tx *store.Tx) error {
		return a.insertSynonyms(ctx, tx, ac, id, terms)
	})
}

func (a *App) insertSynonyms(ctx context.Context, tx *store.Tx, ac Actor, id string, terms []string) error {
	joined := strings.Join(terms, "\n")
	if err := tx.InsertSearchSynonym(ctx, sqlq.InsertSearchSynonymParams{ID: id, Terms: joined,
		CreatedBy: nullStr(ac.PersonID), CreatedAt: a.nowMs()}); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, change{Action: "synonym.create", ObjectType: "search_synonym", ObjectID: id,
		ObjectName: terms[0], After: map[string]string{"terms": strings.Join(terms, " = ")}})
}

// UpdateSynonymGroup replaces a group's members.
func (a *App) UpdateSynonymGroup(ctx context.Context, ac Actor, id string, in SynonymInput) error {
	if err := ac.require(shopdojo.PermSearchManage); err != nil {
		return err
	}
	terms, err := in.terms()
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetSearchSynonym(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.UpdateSearchSynonym(ctx, sqlq.UpdateSearchSynonymParams{ID: id, Terms: strings.Join(terms, "\n"),
			UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "synonym.update", ObjectType: "search_synonym", ObjectID: id,
			ObjectName: terms[0], Before: map[string]string{"terms": strings.ReplaceAll(old.Terms, "\n", " = ")},
			After: map[string]string{"terms": strings.Join(terms, " = ")}})
	})
}

// DeleteSynonymGroup removes a group.
func (a *App) DeleteSynonymGroup(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermSearchManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetSearchSynonym(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.DeleteSearchSynonym(ctx, id); err != nil {
			return err
		}
		terms := strings.Split(old.Terms, "\n")
		return a.record(ctx, tx, ac, change{Action: "synonym.delete", ObjectType: "search_synonym", ObjectID: id,
			ObjectName: terms[0], Before: map[string]string{"terms": strings.Join(terms, " = ")}})
	})
}

// SeedSynonyms adds the starter groups once per installation (a setting
// records it, so groups a manager deleted stay deleted); it returns how
// many it added.
func (a *App) SeedSynonyms(ctx context.Context, ac Actor) (int, error) {
	n := 0
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetSetting(ctx, synonymsSeeded); err == nil {
			return nil
		} else if shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
			return err
		}
		for _, g := range StarterSynonyms {
			if err := a.insertSynonyms(ctx, tx, ac, newID(), g); err != nil {
				return err
			}
			n++
		}
		return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: synonymsSeeded, Value: a.now().Format(time.RFC3339)})
	})
	return n, err
}

const synonymsSeeded = "search.synonyms_seeded"
