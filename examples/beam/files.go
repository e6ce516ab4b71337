package main

import (
	"bufio"
	"context"
	"io"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x1[context.Context, string, error](&writeFn{})
	beam.RegisterType(reflect.TypeOf((*chunk)(nil)).Elem())
	register.DoFn3x1[context.Context, string, func(chunk), error](&splitFn{})
	register.Emitter1[chunk]()
	register.DoFn3x1[context.Context, chunk, func(string), error](&readBatchesFn{})
	register.Emitter1[string]()
}

// readLines adds to s the stages that read the text file at path in
// chunks of about chunkSize bytes, spread over the workers, and returns
// its lines, n at a time (see batchLines). The lines are read where they
// are parsed, so they never travel between workers.
func readLines(s beam.Scope, path string, chunkSize int64, n int) beam.PCollection {
	s = s.Scope("read")
	chunks := beam.ParDo(s, &splitFn{Size: chunkSize}, beam.Create(s, path))
	return beam.ParDo(s, &readBatchesFn{Lines: n}, beam.Reshuffle(s, chunks))
}

// chunk is the lines of a file that start at a byte offset in [Start, End).
type chunk struct {
	Path       string
	Start, End int64
}

// splitFn cuts a file into chunks of Size bytes.
type splitFn struct {
	Size int64 `json:"size"`
}

func (f *splitFn) ProcessElement(ctx context.Context, path string, emit func(chunk)) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	size, err := fs.Size(ctx, path)
	if err != nil {
		return err
	}
	step := max(f.Size, 1)
	for start := int64(0); start < size; start += step {
		emit(chunk{Path: path, Start: start, End: min(start+step, size)})
	}
	return nil
}

// readBatchesFn reads the lines of a chunk and emits them Lines at a time,
// joined by newlines.
type readBatchesFn struct {
	Lines int `json:"lines"`
}

func (f *readBatchesFn) ProcessElement(ctx context.Context, c chunk, emit func(string)) error {
	r, err := openRead(ctx, c.Path)
	if err != nil {
		return err
	}
	defer r.Close()
	return readChunk(r, c.Start, c.End, max(f.Lines, 1), emit)
}

// readChunk reads from r, a file from its start, the lines that start at
// an offset in [start, end) and calls emit with n of them at a time. A
// line is in the chunk its first byte is in, so the chunks of a file hold
// each of its lines once.
func readChunk(r io.Reader, start, end int64, n int, emit func(string)) error {
	pos := int64(0)
	if start > 0 {
		// Read from the byte before start: the line in progress there
		// belongs to the chunk before, and the next line starts after
		// its newline (at start itself when that byte is one).
		skip := start - 1
		if sk, ok := r.(io.Seeker); ok {
			if _, err := sk.Seek(skip, io.SeekStart); err != nil {
				return err
			}
		} else if _, err := io.CopyN(io.Discard, r, skip); err != nil {
			return err
		}
		pos = skip
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if start > 0 {
		rest, err := br.ReadSlice('\n')
		pos += int64(len(rest))
		if err == io.EOF {
			return nil
		}
		for err == bufio.ErrBufferFull {
			rest, err = br.ReadSlice('\n')
			pos += int64(len(rest))
		}
		if err != nil {
			return err
		}
	}
	var b strings.Builder
	k := 0
	for pos < end {
		line, err := br.ReadString('\n')
		pos += int64(len(line))
		if len(line) > 0 {
			b.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				b.WriteByte('\n')
			}
			if k++; k == n {
				emit(b.String())
				b.Reset()
				k = 0
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if k > 0 {
		emit(b.String())
	}
	return nil
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
