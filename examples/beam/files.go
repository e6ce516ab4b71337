package main

import (
	"bufio"
	"context"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x1[context.Context, string, error](&writeFn{})
}

// openRead opens path through Beam's file systems: a local path, or a URL
// of a registered scheme (gs:// with the gcs file system imported, as
// beamx imports it).
func openRead(ctx context.Context, path string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		fs.Close()
		return nil, err
	}
	return readCloser{r, fs}, nil
}

type readCloser struct {
	io.ReadCloser
	fs filesystem.Interface
}

func (r readCloser) Close() error {
	err := r.ReadCloser.Close()
	r.fs.Close()
	return err
}

// batchLines reads r and calls emit with n lines at a time (fewer at the
// end), each line ending in a newline.
func batchLines(r io.Reader, n int, emit func(string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	var b strings.Builder
	k := 0
	for sc.Scan() {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
		if k++; k == n {
			emit(b.String())
			b.Reset()
			k = 0
		}
	}
	if k > 0 {
		emit(b.String())
	}
	return sc.Err()
}

// writeText adds to s a stage that writes the one string of col to path.
func writeText(s beam.Scope, path string, col beam.PCollection) {
	beam.ParDo0(s.Scope("write"), &writeFn{Path: path}, col)
}

// writeFn writes each string it is given to Path, through Beam's file
// systems; it is given one.
type writeFn struct {
	Path string `json:"path"`
}

func (f *writeFn) ProcessElement(ctx context.Context, text string) error {
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Path)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, text); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
