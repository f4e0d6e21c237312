// Package i18n translates message ids into zh-CN (the default) and English.
// Messages live in embedded TOML files, one pair per area
// (locales/<area>.zh-CN.toml and locales/<area>.en.toml).
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var files embed.FS

// Locales are the supported locales; the first is the default.
var Locales = []string{"zh-CN", "en"}

// Default is the default locale.
const Default = "zh-CN"

// Bundle holds every message in every locale.
type Bundle struct {
	loc map[string]*goi18n.Localizer
	// plain holds every message without placeholders, resolved once per
	// locale: pages look up hundreds of messages, and go-i18n matches
	// languages and executes a template on every Localize call.
	plain map[string]map[string]string
	// filled holds the other messages split at their {{.Name}}
	// placeholders, so T fills them by concatenation instead of running
	// go-i18n's template (a language match and a text/template execution
	// on every call were most of a list page's translation cost).
	filled map[string]map[string]message
}

// New loads the embedded message files.
func New() (*Bundle, error) {
	b := goi18n.NewBundle(language.SimplifiedChinese)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "locales/*.toml")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(data, n); err != nil {
			return nil, fmt.Errorf("i18n %s: %w", n, err)
		}
	}
	bundle := &Bundle{loc: map[string]*goi18n.Localizer{}, plain: map[string]map[string]string{}, filled: map[string]map[string]message{}}
	for _, l := range Locales {
		bundle.loc[l] = goi18n.NewLocalizer(b, l)
		if err := bundle.resolvePlain(l); err != nil {
			return nil, err
		}
	}
	return bundle, nil
}

func (b *Bundle) resolvePlain(locale string) error {
	raw, err := rawMessages(locale)
	if err != nil {
		return err
	}
	m, f := map[string]string{}, map[string]message{}
	for id := range raw {
		s, err := b.loc[locale].Localize(&goi18n.LocalizeConfig{MessageID: id})
		switch {
		case err != nil || s == "":
		case !strings.Contains(s, "<no value>"):
			m[id] = s
		default:
			if msg, ok := splitMessage(raw[id]); ok {
				f[id] = msg
			}
		}
	}
	b.plain[locale], b.filled[locale] = m, f
	return nil
}

// T translates id into locale, filling {{.Name}} placeholders from args.
// An unknown id is returned as is so a missing message is visible, not fatal.
func (b *Bundle) T(locale, id string, args map[string]any) string {
	l, ok := b.loc[locale]
	if !ok {
		locale, l = Default, b.loc[Default]
	}
	if s, ok := b.plain[locale][id]; ok {
		return s
	}
	if msg, ok := b.filled[locale][id]; ok {
		return msg.fill(args)
	}
	s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: args})
	if err != nil || s == "" {
		return id
	}
	return s
}

// TPairs is T with its arguments as alternating names and values
// ("N", 3, "T", "…"), as templates pass them.
func (b *Bundle) TPairs(locale, id string, pairs ...any) string {
	if _, ok := b.loc[locale]; !ok {
		locale = Default
	}
	if s, ok := b.plain[locale][id]; ok {
		return s
	}
	if msg, ok := b.filled[locale][id]; ok {
		return msg.fillPairs(pairs)
	}
	return b.T(locale, id, pairsMap(pairs))
}

// Has reports whether id has a message in locale.
func (b *Bundle) Has(locale, id string) bool {
	_, err := b.loc[locale].Localize(&goi18n.LocalizeConfig{MessageID: id})
	return err == nil
}

var matcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})

// Match picks the supported locale closest to an Accept-Language header.
func Match(acceptLanguage string) string {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Locales[idx]
}

// Valid returns l if it is a supported locale, else "".
func Valid(l string) string {
	for _, x := range Locales {
		if strings.EqualFold(x, l) {
			return x
		}
	}
	return ""
}

// IDs lists every message id defined for locale, for completeness tests.
func IDs(locale string) ([]string, error) {
	raw, err := rawMessages(locale)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(raw))
	for k := range raw {
		ids = append(ids, k)
	}
	return ids, nil
}

// rawMessages reads every message of locale as written in its files.
func rawMessages(locale string) (map[string]string, error) {
	names, err := fs.Glob(files, "locales/*."+locale+".toml")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, n := range names {
		if _, err := toml.DecodeFS(files, n, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
	}
	return m, nil
}

// Area returns the messages of one area's file in locale
// (locales/<area>.<locale>.toml), for tests of the package that owns them.
func Area(area, locale string) (map[string]string, error) {
	m := map[string]string{}
	if _, err := toml.DecodeFS(files, "locales/"+area+"."+locale+".toml", &m); err != nil {
		return nil, fmt.Errorf("i18n: area %s/%s: %w", area, locale, err)
	}
	return m, nil
}
