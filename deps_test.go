package saleskit_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// domainPackages are the packages that must stay independent of each other.
var domainPackages = []string{"target", "funnel", "lifecycle", "risk", "incentive", "forecast"}

// forbiddenStd are standard packages that would break purity: a domain
// package does no I/O, keeps no global randomness and logs nothing.
var forbiddenStd = map[string]bool{
	"os": true, "io/ioutil": true, "net": true, "net/http": true, "log": true,
	"log/slog": true, "math/rand": true, "os/exec": true, "syscall": true, "unsafe": true,
}

// TestDomainPackageImports enforces DESIGN.md's first two principles: a domain
// package imports only the standard library, shopspring/decimal and
// golang.org/x/exp — never another saleskit package — and nothing in it reads
// the clock or the operating system.
func TestDomainPackageImports(t *testing.T) {
	checked := 0
	for _, pkg := range domainPackages {
		files, err := filepath.Glob(filepath.Join(pkg, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			checkFile(t, name)
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("found no domain package source files: is the test running from the module root?")
	}
}

func checkFile(t *testing.T, name string) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		first, _, _ := strings.Cut(path, "/")
		switch {
		case path == "github.com/shopspring/decimal",
			strings.HasPrefix(path, "golang.org/x/exp/"):
		case strings.Contains(first, "."):
			t.Errorf("%s imports %q: domain packages import only std, shopspring/decimal and x/exp", name, path)
		case forbiddenStd[path]:
			t.Errorf("%s imports %q: domain packages are pure (no I/O, no global randomness, no logging)", name, path)
		}
	}
	if strings.Contains(string(src), "time.Now(") {
		t.Errorf("%s calls time.Now: take the time as an argument (asOf time.Time)", name)
	}
}
