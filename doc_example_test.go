package saleskit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocExampleIsExample checks, in every domain package, that the code
// of doc.go's worked example is the code of the Example in
// example_doc_test.go, so that the documentation compiles and prints
// what Example's output says. Comments and blank lines are not compared.
func TestDocExampleIsExample(t *testing.T) {
	for _, pkg := range domainPackages {
		t.Run(pkg, func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join(pkg, "doc.go"))
			if err != nil {
				t.Fatal(err)
			}
			ex, err := os.ReadFile(filepath.Join(pkg, "example_doc_test.go"))
			if err != nil {
				t.Fatal(err)
			}
			want := codeLines(docExample(t, string(doc)))
			got := codeLines(exampleBody(t, string(ex)))
			if len(want) == 0 {
				t.Fatal("doc.go's worked example has no code")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s/doc.go's worked example is not Example's code (-doc.go +Example):\n%s", pkg, diff)
			}
		})
	}
}

// docExample returns the last code block of doc.go's worked-example
// section, its lines without the comment marker and the block's indent.
func docExample(t *testing.T, doc string) []string {
	i := strings.Index(strings.ToLower(doc), "worked example\n")
	if i < 0 {
		t.Fatal("doc.go has no worked example section")
	}
	var blocks [][]string
	inBlock := false
	for _, line := range strings.Split(doc[i:], "\n")[1:] {
		switch {
		case strings.HasPrefix(line, "// # "):
			return last(t, blocks)
		case strings.HasPrefix(line, "//\t"):
			if !inBlock {
				blocks = append(blocks, nil)
				inBlock = true
			}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line[len("//\t"):])
		case line == "//" && inBlock:
		default:
			inBlock = false
		}
	}
	return last(t, blocks)
}

func last(t *testing.T, blocks [][]string) []string {
	if len(blocks) == 0 {
		t.Fatal("doc.go's worked example shows no code")
	}
	return blocks[len(blocks)-1]
}

// exampleBody returns the lines of func Example's body, unindented once.
func exampleBody(t *testing.T, src string) []string {
	const open = "\nfunc Example() {\n"
	i := strings.Index(src, open)
	if i < 0 {
		t.Fatal("no func Example")
	}
	body := src[i+len(open):]
	j := strings.Index(body, "\n}\n")
	if j < 0 {
		t.Fatal("func Example does not end")
	}
	var lines []string
	for _, line := range strings.Split(body[:j], "\n") {
		lines = append(lines, strings.TrimPrefix(line, "\t"))
	}
	return lines
}

// codeLines drops comment lines, trailing comments and blank lines.
func codeLines(lines []string) []string {
	var code []string
	for _, line := range lines {
		if k := strings.Index(line, "// "); k >= 0 && !strings.Contains(line[:k], `"`) {
			line = line[:k]
		}
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			continue
		}
		code = append(code, line)
	}
	return code
}

// TestExamplesHaveOutput checks every Example function of the module: an
// "Output:" line that is not the first line of its comment block makes go
// test compile the Example and never run it, so its output goes unchecked.
func TestExamplesHaveOutput(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || isModule(path)) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fn.Name.Name, "Example") || fn.Body == nil {
				continue
			}
			checked++
			for _, cg := range f.Comments {
				if cg.Pos() < fn.Body.Lbrace || cg.End() > fn.Body.Rbrace {
					continue
				}
				for i, c := range cg.List {
					text := strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))
					if i > 0 && (strings.HasPrefix(text, "Output:") || strings.HasPrefix(text, "Unordered output:")) {
						t.Errorf("%s: %s's %q is not the first line of its comment block, so the Example never runs: put a blank line before it",
							fset.Position(c.Pos()), fn.Name.Name, text)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("found no Example functions: is the test running from the module root?")
	}
}

// isModule reports whether dir holds a module of its own (examples/beam).
func isModule(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil
}
