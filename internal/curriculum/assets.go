package curriculum

import (
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// Assets are the files lessons show or offer for download (images,
// spreadsheet templates, PDFs). In a pack on disk they live in their
// module's assets folder and lessons link to them by relative path, so the
// pack previews on any Markdown viewer; the stored curriculum links to
// /files/{id} instead, and app rewrites one form into the other on import
// and export. This package only moves the bytes (Pack.Assets) and checks
// the links: it knows no file store.

// AssetDir is the folder of a module's assets.
const AssetDir = "assets"

// linkRE finds the destination of inline links and images: "](dest".
var linkRE = regexp.MustCompile(`(\]\(\s*)(<[^<>\n]+>|[^()\s<>]+)`)

// RewriteLinks returns body with the destination of every inline link and
// image replaced by fn's answer; an answer of "" keeps the destination.
func RewriteLinks(body string, fn func(dest string) string) string {
	return linkRE.ReplaceAllStringFunc(body, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		if to := fn(strings.Trim(sub[2], "<>")); to != "" {
			return sub[1] + to
		}
		return m
	})
}

// Links lists the destinations of body's inline links and images, in order.
func Links(body string) []string {
	var out []string
	for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.Trim(m[2], "<>"))
	}
	return out
}

// ResolveLink is the pack path a relative link in file points at, or ""
// when dest is not relative (a URL, an absolute path or a fragment).
func ResolveLink(file, dest string) string {
	if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") || strings.Contains(dest, ":") {
		return ""
	}
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	return path.Join(path.Dir(file), dest)
}

// RelativeLink is the link from the document file to the pack path target.
func RelativeLink(file, target string) string {
	from := strings.Split(path.Dir(file), "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// AssetPath is the pack path of the asset file name for a document file:
// the assets folder of the document's module.
func AssetPath(file, name string) string {
	parts := strings.SplitN(file, "/", 3)
	if len(parts) < 3 || parts[0] != "modules" {
		return path.Join(AssetDir, name)
	}
	return path.Join("modules", parts[1], AssetDir, name)
}

// AssetName is the file name an asset is exported under: the first eight
// characters of its content hash, so two versions of "chart.png" do not
// collide, and its name with anything a Markdown link or a file system
// would stumble on replaced by "-".
func AssetName(key, name string) string {
	if len(key) > 8 {
		key = key[:8]
	}
	return key + "-" + safeName(name)
}

// AssetOriginal is the stored name of an asset file called name whose
// content hash is key: AssetName's prefix is dropped when it matches.
func AssetOriginal(key, name string) string {
	if len(key) >= 8 {
		if rest, ok := strings.CutPrefix(name, key[:8]+"-"); ok && rest != "" {
			return rest
		}
	}
	return name
}

func safeName(name string) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, name)
	if s = strings.Trim(s, "-."); s == "" {
		return "file"
	}
	return s
}

// EachBody calls fn with every Markdown body of p and the pack path of
// its file (the .en.md file for English bodies), so links can be checked
// or rewritten in place.
func EachBody(p *Pack, fn func(file string, body *string)) {
	doc := func(file string, body, bodyEN *string) {
		fn(file, body)
		fn(EnglishFile(file), bodyEN)
	}
	for i := range p.Modules {
		m := &p.Modules[i]
		dir := path.Join("modules", m.Dir)
		doc(path.Join(dir, "module.md"), &m.Body, &m.BodyEN)
		for j := range m.Courses {
			c := &m.Courses[j]
			cdir := path.Join(dir, "courses", c.Dir)
			doc(path.Join(cdir, "course.md"), &c.Body, &c.BodyEN)
			for k := range c.Units {
				doc(path.Join(cdir, c.Units[k].File), &c.Units[k].Body, &c.Units[k].BodyEN)
			}
		}
		for j := range m.SOPs {
			doc(path.Join(dir, "sops", m.SOPs[j].File), &m.SOPs[j].Body, &m.SOPs[j].BodyEN)
		}
		for j := range m.Cases {
			doc(path.Join(dir, "cases", m.Cases[j].File), &m.Cases[j].Body, &m.Cases[j].BodyEN)
		}
	}
}

// assets reads every module's assets folder into p.Assets.
func (r *reader) assets(p *Pack) {
	for _, m := range p.Modules {
		dir := path.Join("modules", m.Dir, AssetDir)
		for _, name := range r.entries(dir, func(e fs.DirEntry) bool { return !e.IsDir() && !strings.HasPrefix(e.Name(), ".") }) {
			file := path.Join(dir, name)
			data, err := fs.ReadFile(r.fsys, file)
			if err != nil {
				r.add(file, 0, MsgFileMissing, nil)
				continue
			}
			if p.Assets == nil {
				p.Assets = map[string][]byte{}
			}
			p.Assets[file] = data
		}
	}
}

// assetLinks reports relative links that point at nothing in the pack.
func (r *reader) assetLinks(p *Pack) {
	EachBody(p, func(file string, body *string) {
		for _, dest := range Links(*body) {
			target := ResolveLink(file, dest)
			if target == "" {
				continue
			}
			if _, ok := p.Assets[target]; ok {
				continue
			}
			if _, err := fs.Stat(r.fsys, target); err == nil && !strings.HasPrefix(target, "..") {
				continue
			}
			r.add(file, 0, MsgAssetMissing, map[string]any{"Link": dest})
		}
	})
}
