package app

import (
	"bytes"
	"context"
	"io"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Lesson files in content packs: an export writes each lesson file a text
// links to into the module's assets folder as <hash prefix>-<name> and
// rewrites the link to a relative path; an import stores the assets in the
// file store (reusing a file with the same content and exported name, so
// importing an export changes nothing) and rewrites the links back to
// /files/{id}.

// exportAssets adds the lesson files out's texts link to and rewrites the
// links, in place.
func (a *App) exportAssets(ctx context.Context, out map[string][]byte) error {
	done := map[string]string{} // asset pack path by module + file id
	for _, name := range slices.Sorted(maps.Keys(out)) {
		if !strings.HasSuffix(name, ".md") || !bytes.Contains(out[name], []byte("/files/")) {
			continue
		}
		var ferr error
		text := curriculum.RewriteLinks(string(out[name]), func(dest string) string {
			id, ok := FileID(dest)
			if !ok || ferr != nil {
				return ""
			}
			target, err := a.exportAsset(ctx, name, id, done, out)
			if err != nil || target == "" {
				ferr = err
				return ""
			}
			return curriculum.RelativeLink(name, target)
		})
		if ferr != nil {
			return ferr
		}
		out[name] = []byte(text)
	}
	return nil
}

// exportAsset writes file id into the assets of doc's module and returns
// its pack path; "" when id is not a lesson file.
func (a *App) exportAsset(ctx context.Context, doc, id string, done map[string]string, out map[string][]byte) (string, error) {
	key := curriculum.AssetPath(doc, "") + id
	if target, ok := done[key]; ok {
		return target, nil
	}
	var f sqlq.File
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { f, err = q.GetFile(ctx, id); return })
	if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound || (err == nil && f.Purpose != PurposeLesson) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	_, obj, err := a.openBlob(ctx, f)
	if err != nil {
		return "", err
	}
	defer obj.Close()
	data, err := io.ReadAll(obj)
	if err != nil {
		return "", err
	}
	target := curriculum.AssetPath(doc, curriculum.AssetName(f.BlobKey, f.Name))
	out[target], done[key] = data, target
	return target, nil
}

// packAsset is an asset of an imported pack, its content already in the
// file store.
type packAsset struct {
	file, name, typ string
	info            blob.Info
}

// putAssets checks the pack's assets against the lesson file rules and
// puts their contents in the file store; an asset refused is a problem of
// the pack.
func (a *App) putAssets(ctx context.Context, assets map[string][]byte) ([]packAsset, []curriculum.Problem, error) {
	if len(assets) > 0 && a.opt.Files == nil {
		return nil, nil, shopdojo.E(shopdojo.KindUnavailable, "error.files_unavailable")
	}
	pol := filePolicies[PurposeLesson]
	var out []packAsset
	var probs []curriculum.Problem
	for _, file := range slices.Sorted(maps.Keys(assets)) {
		data := assets[file]
		typ := contentType(blob.Sniff(data[:min(len(data), 512)]), file)
		switch {
		case !contains(pol.types, typ):
			probs = append(probs, curriculum.Problem{File: file, Msg: "attach.err_asset_type"})
			continue
		case int64(len(data)) > pol.maxBytes:
			probs = append(probs, curriculum.Problem{File: file, Msg: "attach.err_asset_size", Args: map[string]any{"MB": pol.maxBytes >> 20}})
			continue
		}
		info, err := a.opt.Files.Put(ctx, bytes.NewReader(data), pol.maxBytes)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, packAsset{file: file, typ: typ, info: info,
			name: cleanName(curriculum.AssetOriginal(info.Key, path.Base(file)))})
	}
	return out, probs, nil
}

// linkAssetsTx gives each asset its file row (an existing lesson file with
// the same content and exported name, else a new one) and rewrites p's
// relative links to them as /files/{id}.
func (a *App) linkAssetsTx(ctx context.Context, tx *store.Tx, ac Actor, p *curriculum.Pack, assets []packAsset) error {
	ids := map[string]string{}
	for _, as := range assets {
		id, err := a.assetFile(ctx, tx, ac, as)
		if err != nil {
			return err
		}
		ids[as.file] = id
	}
	curriculum.EachBody(p, func(file string, body *string) {
		*body = curriculum.RewriteLinks(*body, func(dest string) string {
			if id := ids[curriculum.ResolveLink(file, dest)]; id != "" {
				return "/files/" + id
			}
			return ""
		})
	})
	p.Assets = nil
	return nil
}

func (a *App) assetFile(ctx context.Context, tx *store.Tx, ac Actor, as packAsset) (string, error) {
	rows, err := tx.ListFilesByBlob(ctx, sqlq.ListFilesByBlobParams{BlobKey: as.info.Key, Purpose: PurposeLesson})
	if err != nil {
		return "", err
	}
	for _, f := range rows {
		if curriculum.AssetName(f.BlobKey, f.Name) == curriculum.AssetName(as.info.Key, as.name) {
			return f.ID, nil
		}
	}
	f := sqlq.InsertFileParams{ID: newID(), BlobKey: as.info.Key, Name: as.name, ContentType: as.typ, Size: as.info.Size,
		Purpose: PurposeLesson, OwnerID: ac.PersonID, CreatedAt: a.nowMs()}
	if err := tx.InsertFile(ctx, f); err != nil {
		return "", err
	}
	return f.ID, nil
}
