package curriculum

import (
	"embed"
	"io/fs"
)

//go:embed all:builtin
var builtin embed.FS

// Builtin is ShopDojo's starter curriculum as a content pack.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtin, "builtin")
	if err != nil {
		panic(err) // the embedded folder is there by construction
	}
	return sub
}
