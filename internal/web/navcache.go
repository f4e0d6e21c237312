package web

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// navCache keeps the rendered sidebar. It depends only on the locale, the
// viewer's roles, the current section and the review and knowledge badges, and rendering
// its thirty links through the template engine was about a third of the
// cost of a small page such as 我的学习.
type navCache = keyCache[template.HTML]

// keyCache is a bounded map of rendered output, filled on first use.
type keyCache[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

// navCacheMax bounds the cache; past it the cache starts afresh (the keys
// are few: locales × role sets × sections × badge counts).
const navCacheMax = 4096

func (c *keyCache[V]) get(key string, render func() (V, error)) (V, error) {
	c.mu.RLock()
	s, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return s, nil
	}
	s, err := render()
	if err != nil {
		return s, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= navCacheMax {
		c.m = map[string]V{}
	}
	c.m[key] = s
	c.mu.Unlock()
	return s, nil
}

// NavHTML is the sidebar of the page, from the cache unless templates are
// reloaded from disk (dev mode).
func (p *page) NavHTML() (template.HTML, error) {
	render := func() (template.HTML, error) {
		var b bytes.Buffer
		err := p.set.ExecuteTemplate(&b, "nav", p)
		return template.HTML(b.String()), err //nolint:gosec // the template's own output
	}
	if p.h.opt.Dev || p.set == nil {
		return render()
	}
	return p.h.nav.get(navKey(p), render)
}

// navKey is what the sidebar depends on.
func navKey(p *page) string {
	var k strings.Builder
	k.WriteString(p.Locale)
	for _, r := range p.Actor.Roles {
		k.WriteString("|" + string(r))
	}
	k.WriteString("|" + p.Nav + "|" + strconv.FormatInt(p.Reviews, 10) + "|" + strconv.FormatInt(p.KBTasks, 10))
	return k.String()
}
