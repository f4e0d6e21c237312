package ingest

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Preset says how one platform's export maps onto canonical fields. It is
// read from a TOML file (docs/import-presets.md), never written in code,
// so a company can correct an alias without a release.
type Preset struct {
	ID       string
	Kind     Kind
	Platform string
	NameZh   string
	NameEn   string
	Grain    string        // "order", "line", "day", "item", "campaign", "agent", "event"
	Generic  bool          // read only through a user's Mapping; every field optional
	Verified string        // what the aliases were checked against
	Fields   []PresetField // in schema order
	// FillDown lists order-level keys a line-grain export writes only on
	// an order's first line; they are copied to its following lines.
	FillDown     []string
	TotalMarkers []string          // first-cell texts of summary rows
	Defaults     map[string]string // values of fields no column holds (a 千川 file's channel)
	File         string            // where the preset was read from
}

// PresetField is one canonical field of a preset.
type PresetField struct {
	Key      string
	Type     Type
	Aliases  []string // header spellings, in order of preference
	Required bool
	Unit     string // a units hint, see the Unit constants
}

// defaultTotalMarkers are the first cells of summary rows in Chinese and
// English exports (PDD ends its reports with 合计).
var defaultTotalMarkers = []string{"合计", "总计", "汇总", "小计", "总和", "total", "totals", "grand total", "subtotal"}

var grains = []string{"order", "line", "day", "item", "campaign", "agent", "event"}

//go:embed presets/*.toml
var builtinFS embed.FS

// presetFile is the TOML form of a Preset.
type presetFile struct {
	ID           string               `toml:"id"`
	Kind         string               `toml:"kind"`
	Platform     string               `toml:"platform"`
	NameZh       string               `toml:"name_zh"`
	NameEn       string               `toml:"name_en"`
	Grain        string               `toml:"grain"`
	Generic      bool                 `toml:"generic"`
	Verified     string               `toml:"verified"`
	FillDown     []string             `toml:"fill_down"`
	TotalMarkers []string             `toml:"total_markers"`
	Defaults     map[string]string    `toml:"defaults"`
	Fields       map[string]fieldFile `toml:"fields"`
}

type fieldFile struct {
	Type     string   `toml:"type"`
	Aliases  []string `toml:"aliases"`
	Required bool     `toml:"required"`
	Unit     string   `toml:"unit"`
}

// ParsePreset reads one preset file; name is how problems refer to it.
// A preset with problems is not usable.
func ParsePreset(name string, data []byte) (Preset, []Problem) {
	var f presetFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		return Preset{}, []Problem{problem(line, "", MsgPresetSyntax, map[string]any{"File": name, "Detail": err.Error()})}
	}
	var probs []Problem
	for _, k := range md.Undecoded() {
		probs = append(probs, presetProblem(name, "", MsgPresetKeyUnknown, k.String()))
	}
	p, more := f.preset(name)
	return p, append(probs, more...)
}

func presetProblem(file, field, msg, value string) Problem {
	return problem(0, field, msg, map[string]any{"File": file, "Value": value})
}

// preset checks f and converts it.
func (f presetFile) preset(name string) (Preset, []Problem) {
	p := Preset{
		ID: f.ID, Kind: Kind(f.Kind), Platform: f.Platform, NameZh: f.NameZh, NameEn: f.NameEn,
		Grain: f.Grain, Generic: f.Generic, Verified: f.Verified, FillDown: f.FillDown,
		TotalMarkers: f.TotalMarkers, Defaults: f.Defaults, File: name,
	}
	if len(p.TotalMarkers) == 0 {
		p.TotalMarkers = defaultTotalMarkers
	}
	probs := f.checkHead(name)
	if _, ok := schema[p.Kind]; !ok {
		return p, probs
	}
	fields, more := f.fields(name, p.Kind)
	p.Fields = fields
	probs = append(probs, more...)
	for _, k := range p.FillDown {
		if !slices.ContainsFunc(fields, func(pf PresetField) bool { return pf.Key == k }) {
			probs = append(probs, presetProblem(name, "fill_down", MsgPresetValueInvalid, k))
		}
	}
	for k := range p.Defaults {
		if _, ok := fieldOf(p.Kind, k); !ok {
			probs = append(probs, presetProblem(name, "defaults", MsgPresetFieldUnknown, k))
		}
	}
	return p, probs
}

func (f presetFile) checkHead(name string) []Problem {
	var probs []Problem
	bad := func(field, value string) {
		probs = append(probs, presetProblem(name, field, MsgPresetValueInvalid, value))
	}
	if !validID(f.ID) {
		bad("id", f.ID)
	}
	if _, ok := schema[Kind(f.Kind)]; !ok {
		bad("kind", f.Kind)
	}
	if !slices.Contains(grains, f.Grain) {
		bad("grain", f.Grain)
	}
	if strings.TrimSpace(f.NameZh) == "" {
		bad("name_zh", f.NameZh)
	}
	if strings.TrimSpace(f.NameEn) == "" {
		bad("name_en", f.NameEn)
	}
	return probs
}

func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// fields checks the [fields] tables against the kind's schema and returns
// them in schema order.
func (f presetFile) fields(name string, kind Kind) ([]PresetField, []Problem) {
	var probs []Problem
	for _, k := range sortedKeys(f.Fields) {
		if _, ok := fieldOf(kind, k); !ok {
			probs = append(probs, presetProblem(name, "fields."+k, MsgPresetFieldUnknown, k))
		}
	}
	seen := map[string]string{}
	var out []PresetField
	for _, sf := range schema[kind] {
		ff, ok := f.Fields[sf.Key]
		if !ok {
			// A report of one day or period may have no date column; the
			// caller gives the date as a default then.
			if sf.Required && !f.Generic && f.Defaults[sf.Key] == "" && sf.Type != Date {
				probs = append(probs, presetProblem(name, "fields", MsgPresetRequired, sf.Key))
			}
			continue
		}
		pf, more := ff.field(name, sf, f.Generic, seen)
		out, probs = append(out, pf), append(probs, more...)
	}
	return out, probs
}

func (ff fieldFile) field(name string, sf Field, generic bool, seen map[string]string) (PresetField, []Problem) {
	var probs []Problem
	at := "fields." + sf.Key
	if ff.Type != "" && Type(ff.Type) != sf.Type {
		probs = append(probs, presetProblem(name, at+".type", MsgPresetValueInvalid, ff.Type))
	}
	if ff.Unit != "" && !slices.Contains(unitsFor(sf.Type), ff.Unit) {
		probs = append(probs, presetProblem(name, at+".unit", MsgPresetValueInvalid, ff.Unit))
	}
	if len(ff.Aliases) == 0 && !generic {
		probs = append(probs, presetProblem(name, at+".aliases", MsgPresetValueInvalid, ""))
	}
	for _, a := range ff.Aliases {
		n := normHeader(a)
		if _, dup := seen[n]; dup || n == "" {
			probs = append(probs, presetProblem(name, at+".aliases", MsgPresetAlias, a))
		}
		seen[n] = sf.Key
	}
	pf := PresetField{Key: sf.Key, Type: sf.Type, Aliases: ff.Aliases, Required: ff.Required || sf.Required, Unit: ff.Unit}
	if generic {
		pf.Required = sf.Required
	}
	return pf, probs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Set is the presets a company can use: the built-in ones, replaced by id
// with the files of its override directory.
type Set struct {
	list []Preset
}

// Builtin reads the embedded presets.
func Builtin() (Set, error) {
	s, probs, err := loadDir(builtinFS, "presets", Set{})
	if err != nil {
		return Set{}, fmt.Errorf("ingest.Builtin: %w", err)
	}
	if len(probs) > 0 {
		return Set{}, fmt.Errorf("ingest.Builtin: %s: %s %v", probs[0].Args["File"], probs[0].Msg, probs[0].Args["Value"])
	}
	return s, nil
}

// Presets reads the built-in presets and then every *.toml file at the top
// of override (nil for none): a file whose id is a built-in's replaces
// it, others are added. A file with problems is skipped and its problems
// returned; error is kept for I/O failures of override.
func Presets(override fs.FS) (Set, []Problem, error) {
	s, err := Builtin()
	if err != nil || override == nil {
		return s, nil, err
	}
	s, probs, err := loadDir(override, ".", s)
	if err != nil {
		return Set{}, nil, fmt.Errorf("ingest.Presets: %w", err)
	}
	return s, probs, nil
}

func loadDir(fsys fs.FS, dir string, base Set) (Set, []Problem, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return Set{}, nil, err
	}
	out := Set{list: slices.Clone(base.list)}
	var probs []Problem
	ids := map[string]string{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return Set{}, nil, err
		}
		p, more := ParsePreset(path.Base(n), data)
		if first, dup := ids[p.ID]; dup && p.ID != "" {
			more = append(more, presetProblem(path.Base(n), "id", MsgPresetDuplicate, p.ID+" "+first))
		}
		if len(more) > 0 {
			probs = append(probs, more...)
			continue
		}
		ids[p.ID] = p.File
		out.put(p)
	}
	return out, probs, nil
}

func (s *Set) put(p Preset) {
	for i, q := range s.list {
		if q.ID == p.ID {
			s.list[i] = p
			return
		}
	}
	s.list = append(s.list, p)
}

// All returns the presets, in file-name order of the built-ins first.
func (s Set) All() []Preset { return slices.Clone(s.list) }

// Lookup finds a preset by id; the problem says so when there is none.
func (s Set) Lookup(id string) (Preset, []Problem) {
	for _, p := range s.list {
		if p.ID == id {
			return p, nil
		}
	}
	return Preset{}, []Problem{problem(0, "", MsgUnknownPreset, map[string]any{"Value": id})}
}

// Generic returns the generic preset of kind, read through a Mapping.
func (s Set) Generic(kind Kind) (Preset, []Problem) {
	return s.Lookup("generic_" + string(kind))
}

// field returns the preset's field for key.
func (p Preset) field(key string) (PresetField, bool) {
	for _, f := range p.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return PresetField{}, false
}
