package saleskit_test

// The conventions test: what CONTRIBUTING.md asks of every package that a
// machine can check. It type-checks every package of the module (examples
// aside) from source, finds their enums, structs, presets, errors, labels and
// reason codes, and checks each, statically on the types and at run time on
// values. Run-time checks need the packages' own types, which a test cannot
// reach by name; conventions_registry_test.go lists them, and this test
// writes that file itself: go test . -run TestConventions -update.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/constant"
	"go/format"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite conventions_registry_test.go from the packages' types")

const (
	modulePath   = "github.com/saleskit/saleskit"
	registryFile = "conventions_registry_test.go"
)

// conventionsRegistry holds, for each package-qualified name ("target.Metric"),
// what the run-time checks need. conventions_registry_test.go fills it.
type conventionsRegistry struct {
	enums       map[string]reflect.Type
	structs     map[string]reflect.Type
	presets     map[string]func() any
	fieldErrors map[string]func(field, value string, err error) error
	sentinels   map[string]error
	labels      map[string]func(l map[string]string, lang string) string
	reasons     map[string]func(code, lang string) string
	codes       map[string]string
}

var registry conventionsRegistry

var snake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// scanned is what discovery found in one package.
type scanned struct {
	rel, name, path string
	pkg             *types.Package

	enums       []*types.TypeName
	structs     []string // registry expressions: "Goal", "Definition[string, string]"
	structNames []string // the matching keys: "Goal", "Definition"
	presets     []string
	fieldError  bool
	sentinels   []string
	labels      bool
	reason      bool
	codes       []string
}

func (s *scanned) key(name string) string { return s.rel + "." + name }

// TestConventions is the machine check of CONTRIBUTING.md.
func TestConventions(t *testing.T) {
	pkgs := scanModule(t)
	t.Run("registry", func(t *testing.T) {
		want := registrySource(pkgs)
		got, _ := os.ReadFile(registryFile)
		if bytes.Equal(got, want) {
			return
		}
		if *update {
			if err := os.WriteFile(registryFile, want, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Fatalf("wrote %s: review it and run the test again", registryFile)
		}
		t.Fatalf("%s does not list the packages' current types; run\n\tgo test . -run TestConventions -update\n"+
			"and review the new file (if it no longer compiles, delete it first)", registryFile)
	})
	for _, p := range pkgs {
		t.Run(p.rel, func(t *testing.T) {
			checkStatic(t, p)
			checkEnums(t, p)
			checkStructs(t, p)
			checkErrors(t, p)
			checkPresets(t, p)
			checkReasons(t, p)
			checkLabels(t, p)
		})
	}
}

// scanModule type-checks every package directory of the module except the
// root and examples/.
func scanModule(t *testing.T) []*scanned {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		base := d.Name()
		if path != "." && (strings.HasPrefix(base, ".") || base == "testdata" || base == "examples") {
			return filepath.SkipDir
		}
		if path == "." {
			return nil
		}
		if files, _ := filepath.Glob(filepath.Join(path, "*.go")); slices.ContainsFunc(files, func(f string) bool {
			return !strings.HasSuffix(f, "_test.go")
		}) {
			dirs = append(dirs, filepath.ToSlash(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("found no packages: is the test running from the module root?")
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	var out []*scanned
	for _, rel := range dirs {
		pkg, err := imp.Import(modulePath + "/" + rel)
		if err != nil {
			t.Fatalf("type-checking %s: %v", rel, err)
		}
		out = append(out, scan(rel, pkg))
	}
	return out
}

func scan(rel string, pkg *types.Package) *scanned {
	s := &scanned{rel: rel, name: pkg.Name(), path: pkg.Path(), pkg: pkg}
	errType := types.Universe.Lookup("error").Type()
	for _, name := range pkg.Scope().Names() {
		if !token.IsExported(name) {
			continue
		}
		switch obj := pkg.Scope().Lookup(name).(type) {
		case *types.TypeName:
			if obj.IsAlias() {
				continue
			}
			named, ok := obj.Type().(*types.Named)
			if !ok {
				continue
			}
			switch u := named.Underlying().(type) {
			case *types.Basic:
				if u.Info()&types.IsInteger != 0 && hasMethod(named, "String") {
					s.enums = append(s.enums, obj)
				}
			case *types.Struct:
				if name == "FieldError" {
					s.fieldError = true
				}
				if name == "Reason" {
					s.reason = true
				}
				if types.Implements(named, errType.Underlying().(*types.Interface)) ||
					types.Implements(types.NewPointer(named), errType.Underlying().(*types.Interface)) {
					continue
				}
				expr, ok := instantiation(named)
				if !ok {
					continue
				}
				s.structs = append(s.structs, expr)
				s.structNames = append(s.structNames, name)
			case *types.Map:
				if name == "Labels" && hasMethod(named, "Get") {
					s.labels = true
				}
			}
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			if sig.Recv() == nil && sig.TypeParams() == nil && sig.Params().Len() == 0 &&
				sig.Results().Len() == 1 && !types.Identical(sig.Results().At(0).Type(), errType) {
				s.presets = append(s.presets, name)
			}
		case *types.Var:
			if strings.HasPrefix(name, "Err") && types.Identical(obj.Type(), errType) {
				s.sentinels = append(s.sentinels, name)
			}
		case *types.Const:
			if strings.HasPrefix(name, "Code") && obj.Val().Kind() == constant.String {
				s.codes = append(s.codes, name)
			}
		}
	}
	return s
}

// instantiation returns how the registry names a struct type: the type
// itself, or a generic type with every ~string parameter set to string.
func instantiation(named *types.Named) (string, bool) {
	tps := named.TypeParams()
	if tps == nil || tps.Len() == 0 {
		return named.Obj().Name(), true
	}
	args := make([]string, tps.Len())
	for i := range args {
		iface, _ := tps.At(i).Constraint().Underlying().(*types.Interface)
		if iface == nil || !types.Satisfies(types.Typ[types.String], iface) {
			return "", false
		}
		args[i] = "string"
	}
	return named.Obj().Name() + "[" + strings.Join(args, ", ") + "]", true
}

func hasMethod(t types.Type, name string) bool {
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		ms := types.NewMethodSet(typ)
		for i := range ms.Len() {
			if ms.At(i).Obj().Name() == name {
				return true
			}
		}
	}
	return false
}

// registrySource writes conventions_registry_test.go for pkgs.
func registrySource(pkgs []*scanned) []byte {
	var body bytes.Buffer
	used := map[*scanned]bool{}
	section := func(field, typ string, each func(p *scanned) []string) {
		fmt.Fprintf(&body, "\t\t%s: %s{\n", field, typ)
		for _, p := range pkgs {
			for _, line := range each(p) {
				used[p] = true
				body.WriteString("\t\t\t" + line + ",\n")
			}
		}
		body.WriteString("\t\t},\n")
	}
	section("enums", "map[string]reflect.Type", func(p *scanned) (l []string) {
		for _, e := range p.enums {
			l = append(l, fmt.Sprintf("%q: reflect.TypeFor[%s.%s]()", p.key(e.Name()), alias(p), e.Name()))
		}
		return l
	})
	section("structs", "map[string]reflect.Type", func(p *scanned) (l []string) {
		for i, expr := range p.structs {
			l = append(l, fmt.Sprintf("%q: reflect.TypeFor[%s.%s]()", p.key(p.structNames[i]), alias(p), expr))
		}
		return l
	})
	section("presets", "map[string]func() any", func(p *scanned) (l []string) {
		for _, f := range p.presets {
			l = append(l, fmt.Sprintf("%q: func() any { return %s.%s() }", p.key(f), alias(p), f))
		}
		return l
	})
	section("fieldErrors", "map[string]func(field, value string, err error) error", func(p *scanned) (l []string) {
		if p.fieldError {
			l = append(l, fmt.Sprintf("%q: func(f, v string, err error) error { return &%s.FieldError{Field: f, Value: v, Err: err} }", p.rel, alias(p)))
		}
		return l
	})
	section("sentinels", "map[string]error", func(p *scanned) (l []string) {
		for _, v := range p.sentinels {
			l = append(l, fmt.Sprintf("%q: %s.%s", p.key(v), alias(p), v))
		}
		return l
	})
	section("labels", "map[string]func(l map[string]string, lang string) string", func(p *scanned) (l []string) {
		if p.labels {
			l = append(l, fmt.Sprintf("%q: func(l map[string]string, lang string) string { return %s.Labels(l).Get(lang) }", p.rel, alias(p)))
		}
		return l
	})
	section("reasons", "map[string]func(code, lang string) string", func(p *scanned) (l []string) {
		if p.reason && hasMethod(p.pkg.Scope().Lookup("Reason").Type(), "Text") {
			l = append(l, fmt.Sprintf("%q: func(code, lang string) string { return %s.Reason{Code: code}.Text(lang) }", p.rel, alias(p)))
		}
		return l
	})
	section("codes", "map[string]string", func(p *scanned) (l []string) {
		for _, c := range p.codes {
			l = append(l, fmt.Sprintf("%q: %s.%s", p.key(c), alias(p), c))
		}
		return l
	})
	var b bytes.Buffer
	b.WriteString("// Code generated by TestConventions -update; DO NOT EDIT.\n\npackage saleskit_test\n\nimport (\n\t\"reflect\"\n\n")
	for _, p := range pkgs {
		if used[p] {
			fmt.Fprintf(&b, "\t%s %q\n", alias(p), p.path)
		}
	}
	b.WriteString(")\n\nfunc init() {\n\tregistry = conventionsRegistry{\n")
	b.Write(body.Bytes())
	b.WriteString("\t}\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		panic(fmt.Sprintf("formatting the registry: %v\n%s", err, b.Bytes()))
	}
	return src
}

func alias(p *scanned) string { return strings.ReplaceAll(p.rel, "/", "_") }

// checkStatic checks struct tags and durations on the types themselves.
func checkStatic(t *testing.T, p *scanned) {
	for i, name := range p.structNames {
		named := p.pkg.Scope().Lookup(name).Type().(*types.Named)
		if hasMethod(named, "MarshalText") {
			continue // encodes as text: its fields are not JSON keys
		}
		st := named.Underlying().(*types.Struct)
		custom := hasMethod(named, "MarshalJSON")
		if hasMethod(named, "Reason") && !custom {
			// A result that works its reason out on demand must still send
			// it: a UI that gets the JSON has no Reason method to call.
			t.Errorf("%s explains itself with a Reason method but has no MarshalJSON: its JSON would lose the reason (marshal it under \"reason\", as risk.Assessment does)", p.structs[i])
		}
		for j := range st.NumFields() {
			f := st.Field(j)
			if !f.Exported() {
				continue
			}
			tag, ok := reflect.StructTag(st.Tag(j)).Lookup("json")
			key, _, _ := strings.Cut(tag, ",")
			where := fmt.Sprintf("%s.%s", p.structs[i], f.Name())
			switch {
			case !ok:
				t.Errorf("%s has no json tag: give it a snake_case key, or json:\"-\"", where)
			case key == "-":
			case !snake.MatchString(key):
				t.Errorf("%s has json key %q: keys are snake_case", where, key)
			}
			if isDuration(f.Type()) && key != "-" {
				if !strings.HasSuffix(key, "_seconds") && !strings.HasSuffix(key, "_days") {
					t.Errorf("%s is a time.Duration with json key %q: durations are seconds (_seconds) or days (_days), never nanoseconds", where, key)
				}
				if !custom {
					t.Errorf("%s is a time.Duration, and %s has no MarshalJSON: encoding/json would write nanoseconds", where, name)
				}
			}
		}
	}
}

func isDuration(t types.Type) bool {
	for {
		switch u := t.(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Named:
			return u.Obj().Pkg() != nil && u.Obj().Pkg().Path() == "time" && u.Obj().Name() == "Duration"
		}
		return false
	}
}

func checkEnums(t *testing.T, p *scanned) {
	if len(p.enums) == 0 {
		return
	}
	unknown, ok := registry.sentinels[p.key("ErrUnknownName")]
	if !ok {
		t.Errorf("%s has enums but no ErrUnknownName sentinel", p.rel)
		unknown = errors.New("the missing ErrUnknownName")
	}
	for _, e := range p.enums {
		typ := registry.enums[p.key(e.Name())]
		if typ == nil {
			t.Errorf("%s is not in the registry", p.key(e.Name()))
			continue
		}
		checkEnum(t, p, e, typ, unknown)
	}
}

type textEnum interface {
	fmt.Stringer
	MarshalText() ([]byte, error)
}

func checkEnum(t *testing.T, p *scanned, e *types.TypeName, typ reflect.Type, unknown error) {
	name := e.Name()
	if !reflect.PointerTo(typ).Implements(reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()) ||
		!typ.Implements(reflect.TypeFor[textEnum]()) {
		t.Errorf("enum %s needs String, MarshalText and UnmarshalText", name)
		return
	}
	value := func(v int64) reflect.Value {
		x := reflect.New(typ).Elem()
		x.SetInt(v)
		return x
	}
	unmarshal := func(text string) (int64, error) {
		x := reflect.New(typ)
		err := x.Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText([]byte(text))
		return x.Elem().Int(), err
	}
	// The constants of the type, by value.
	consts := map[int64][]string{}
	var lo, hi int64
	for _, n := range p.pkg.Scope().Names() {
		c, ok := p.pkg.Scope().Lookup(n).(*types.Const)
		if !ok || !types.Identical(c.Type(), e.Type()) {
			continue
		}
		v, _ := constant.Int64Val(c.Val())
		consts[v] = append(consts[v], n)
		lo, hi = min(lo, v), max(hi, v)
	}
	if len(consts) == 0 {
		t.Errorf("enum %s has no constants", name)
		return
	}
	names := map[string]int64{}
	for _, v := range slices.Sorted(mapsKeys(consts)) {
		x := value(v).Interface().(textEnum)
		text, err := x.MarshalText()
		if err != nil {
			if v != 0 {
				t.Errorf("%s(%d) (%s) does not marshal: %v; only an invalid zero may lack a name", name, v, consts[v][0], err)
			} else if !errors.Is(err, unknown) {
				t.Errorf("MarshalText of the invalid zero %s: %v does not wrap ErrUnknownName", name, err)
			}
			if s := x.String(); s != fmt.Sprintf("%s(%d)", name, v) {
				t.Errorf("%s(%d).String() = %q, want %q", name, v, s, fmt.Sprintf("%s(%d)", name, v))
			}
			continue
		}
		s := string(text)
		if !snake.MatchString(s) {
			t.Errorf("%s %s has wire name %q: names are lowercase snake_case", name, consts[v][0], s)
		}
		if x.String() != s {
			t.Errorf("%s %s: String() = %q but MarshalText = %q", name, consts[v][0], x.String(), s)
		}
		if w, dup := names[s]; dup {
			t.Errorf("%s: values %d and %d share the name %q", name, w, v, s)
		}
		names[s] = v
		if back, err := unmarshal(s); err != nil || back != v {
			t.Errorf("%s: UnmarshalText(%q) = %d, %v; want %d", name, s, back, err, v)
		}
	}
	for _, v := range []int64{hi + 1, lo - 1, 1000} {
		if _, named := consts[v]; named || (typ.Kind() >= reflect.Uint && v < 0) {
			continue
		}
		x := value(v).Interface().(textEnum)
		if want := fmt.Sprintf("%s(%d)", name, v); x.String() != want {
			t.Errorf("%s(%d).String() = %q, want %q", name, v, x.String(), want)
		}
		if _, err := x.MarshalText(); !errors.Is(err, unknown) {
			t.Errorf("MarshalText of %s(%d) = %v, want an error wrapping ErrUnknownName", name, v, err)
		}
	}
	bad := []string{"", "no_such_name", " ", strings.ToUpper(slices.Sorted(mapsKeys(names))[0])}
	for _, ns := range consts {
		bad = append(bad, ns...)
	}
	for s := range names {
		if k := strings.ReplaceAll(s, "_", "-"); k != s {
			bad = append(bad, k)
		}
	}
	for _, s := range bad {
		if _, known := names[s]; known {
			continue
		}
		_, err := unmarshal(s)
		if !errors.Is(err, unknown) {
			t.Errorf("%s: UnmarshalText(%q) = %v, want an error wrapping ErrUnknownName", name, s, err)
		}
		if err != nil && (!strings.HasPrefix(err.Error(), p.name+": ") || strings.Count(err.Error(), p.name+": ") != 1) {
			t.Errorf("%s: UnmarshalText(%q) says %q: the package name once, at the start", name, s, err)
		}
	}
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Every Duration in a filled value is set to this; its nanoseconds must not
// appear in the JSON.
const probeDuration = 90061*time.Second + time.Nanosecond

func checkStructs(t *testing.T, p *scanned) {
	for _, name := range p.structNames {
		typ := registry.structs[p.key(name)]
		if typ == nil {
			t.Errorf("%s is not in the registry", p.key(name))
			continue
		}
		zero := reflect.New(typ)
		data, err := json.Marshal(zero.Interface())
		if err != nil {
			t.Errorf("json.Marshal of a zero %s: %v; a draft must save (tag fields omitempty / omitzero)", name, err)
			continue
		}
		if typ.Implements(reflect.TypeFor[json.Marshaler]()) == reflect.PointerTo(typ).Implements(reflect.TypeFor[json.Unmarshaler]()) {
			back := reflect.New(typ)
			if err := json.Unmarshal(data, back.Interface()); err != nil {
				t.Errorf("a zero %s marshals as %s, which does not decode: %v", name, data, err)
			} else if again, _ := json.Marshal(back.Interface()); !bytes.Equal(again, data) {
				t.Errorf("a zero %s does not round-trip: %s, then %s", name, data, again)
			}
		}
		filled := reflect.New(typ)
		if !setDurations(filled.Elem(), 0) {
			continue
		}
		data, err = json.Marshal(filled.Interface())
		if err != nil {
			t.Errorf("json.Marshal of a %s holding durations: %v", name, err)
			continue
		}
		if ns := strconv.FormatInt(int64(probeDuration), 10); bytes.Contains(data, []byte(ns)) {
			t.Errorf("%s marshals a duration of %v as %s nanoseconds: %s", name, probeDuration, ns, data)
		}
	}
}

// setDurations sets every exported time.Duration reachable from v, making
// one element of each slice and allocating nil pointers, and reports
// whether it found any.
func setDurations(v reflect.Value, depth int) bool {
	if depth > 6 {
		return false
	}
	if v.Type() == reflect.TypeFor[time.Duration]() {
		v.SetInt(int64(probeDuration))
		return true
	}
	found := false
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				found = setDurations(v.Field(i), depth+1) || found
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e := reflect.New(v.Type().Elem())
			if setDurations(e.Elem(), depth+1) {
				v.Set(e)
				return true
			}
			return false
		}
		return setDurations(v.Elem(), depth+1)
	case reflect.Slice:
		e := reflect.New(v.Type().Elem()).Elem()
		if setDurations(e, depth+1) {
			v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), e))
			return true
		}
	}
	return found
}

var fieldErrorForm = regexp.MustCompile(`^([a-z]+): (\S+)( "(?:[^"\\]|\\.)*")?: (.+)$`)

func checkErrors(t *testing.T, p *scanned) {
	for _, s := range p.sentinels {
		err := registry.sentinels[p.key(s)]
		msg := err.Error()
		rest, ok := strings.CutPrefix(msg, p.name+": ")
		if !ok || strings.Contains(rest, p.name+": ") || rest == "" || rest[len(rest)-1] == '.' ||
			unicode.IsUpper([]rune(rest)[0]) {
			t.Errorf("%s says %q: sentinels read %q, lowercase, with no final period", s, msg, p.name+": message")
		}
	}
	if !p.fieldError {
		if len(p.sentinels) > 0 {
			t.Errorf("%s has sentinel errors but no FieldError", p.rel)
		}
		return
	}
	mk := registry.fieldErrors[p.rel]
	if mk == nil {
		t.Errorf("%s.FieldError is not in the registry", p.rel)
		return
	}
	var sentinel error
	for _, s := range p.sentinels {
		sentinel = registry.sentinels[p.key(s)]
		break
	}
	if sentinel == nil {
		t.Errorf("%s has a FieldError but no sentinels", p.rel)
		return
	}
	msg := strings.TrimPrefix(sentinel.Error(), p.name+": ")
	cases := []struct {
		field, value string
		err          error
		want         string
	}{
		{"events[108].stage", "on_hold", sentinel, p.name + `: events[108].stage "on_hold": ` + msg},
		{"asOf", "", sentinel, p.name + ": asOf: " + msg},
		{"weights[1]", `say "hi"`, fmt.Errorf("%w: more detail", sentinel), p.name + `: weights[1] "say \"hi\"": ` + msg + ": more detail"},
		{"plan[0].target", "x", nil, p.name + `: plan[0].target "x": invalid value`},
	}
	for _, c := range cases {
		var got string
		func() {
			defer func() {
				if r := recover(); r != nil {
					got = fmt.Sprintf("panic: %v", r)
				}
			}()
			got = mk(c.field, c.value, c.err).Error()
		}()
		if got != c.want {
			t.Errorf("FieldError{%q, %q, %v}.Error() = %q, want %q", c.field, c.value, c.err, got, c.want)
		}
		if !fieldErrorForm.MatchString(got) {
			t.Errorf("FieldError message %q is not in the form `pkg: FIELD \"VALUE\": MESSAGE`", got)
		}
		if c.err != nil && !errors.Is(mk(c.field, c.value, c.err), sentinel) {
			t.Errorf("FieldError does not unwrap to its sentinel")
		}
	}
}

func checkPresets(t *testing.T, p *scanned) {
	for _, name := range p.presets {
		f := registry.presets[p.key(name)]
		if f == nil {
			t.Errorf("%s is not in the registry", p.key(name))
			continue
		}
		a, b := f(), f()
		seen := map[uintptr]string{}
		mutable(reflect.ValueOf(a), "a", seen, map[uintptr]bool{})
		shared := map[uintptr]string{}
		mutable(reflect.ValueOf(b), "b", shared, map[uintptr]bool{})
		for addr, where := range shared {
			if at, ok := seen[addr]; ok {
				t.Errorf("%s() returns shared memory: %s of one call is %s of the next; presets return fresh values", name, at, where)
				break
			}
		}
	}
}

// mutable records the address of every pointer target, slice array and map
// reachable from v, with the path that reached it. Decimals (immutable by
// use), locations and functions are left out.
func mutable(v reflect.Value, path string, out map[uintptr]string, visited map[uintptr]bool) {
	if !v.IsValid() {
		return
	}
	if t := v.Type(); t.PkgPath() == "github.com/shopspring/decimal" || t == reflect.TypeFor[*time.Location]() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		addr := v.Pointer()
		if visited[addr] {
			return
		}
		visited[addr] = true
		out[addr] = path
		mutable(v.Elem(), "*"+path, out, visited)
	case reflect.Interface:
		mutable(v.Elem(), path, out, visited)
	case reflect.Slice:
		if v.Cap() == 0 {
			return
		}
		addr := v.Pointer()
		if visited[addr] {
			return
		}
		visited[addr] = true
		out[addr] = path
		for i := range v.Len() {
			mutable(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out, visited)
		}
	case reflect.Array:
		for i := range v.Len() {
			mutable(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out, visited)
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		addr := v.Pointer()
		if visited[addr] {
			return
		}
		visited[addr] = true
		out[addr] = path
		it := v.MapRange()
		for it.Next() {
			mutable(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()), out, visited)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			mutable(v.Field(i), path+"."+v.Type().Field(i).Name, out, visited)
		}
	}
}

// labelCases is how every package's Labels.Get must choose.
var labelCases = []struct {
	labels map[string]string
	lang   string
	want   string
}{
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "zh-CN", "销售线索"},
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "zh-cn", "销售线索"},
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "zh_CN", "销售线索"},
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "zh", "Lead"},
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "fr", "Lead"},
	{map[string]string{"en": "Lead", "zh-CN": "销售线索"}, "", "Lead"},
	{map[string]string{"en": "Lead", "zh": "线索"}, "zh-TW", "线索"},
	{map[string]string{"en": "Lead", "zh": "线索"}, "zh-Hant-TW", "线索"},
	{map[string]string{"EN": "Lead"}, "en-GB", "Lead"},
	{map[string]string{"zh-CN": "销售线索"}, "de", ""},
	{nil, "en", ""},
}

func checkLabels(t *testing.T, p *scanned) {
	if !p.labels {
		return
	}
	get := registry.labels[p.rel]
	if get == nil {
		t.Errorf("%s.Labels is not in the registry", p.rel)
		return
	}
	for _, c := range labelCases {
		if got := get(c.labels, c.lang); got != c.want {
			t.Errorf("Labels(%v).Get(%q) = %q, want %q", c.labels, c.lang, got, c.want)
		}
	}
}

func checkReasons(t *testing.T, p *scanned) {
	if !p.reason {
		if len(p.codes) > 0 {
			t.Errorf("%s has reason codes but no Reason type", p.rel)
		}
		return
	}
	want := map[string]string{
		"Code":    "string `json:\"code\"`",
		"Amounts": "map[string]github.com/shopspring/decimal.Decimal `json:\"amounts,omitempty\"`",
		"Numbers": "map[string]float64 `json:\"numbers,omitempty\"`",
		"Texts":   "map[string]string `json:\"texts,omitempty\"`",
	}
	st := p.pkg.Scope().Lookup("Reason").Type().Underlying().(*types.Struct)
	got := map[string]string{}
	for i := range st.NumFields() {
		got[st.Field(i).Name()] = st.Field(i).Type().String() + " `" + st.Tag(i) + "`"
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("%s.Reason.%s is %q, want %q (CONTRIBUTING.md, Reasons)", p.rel, f, got[f], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s.Reason has fields %v; the shape is Code, Amounts, Numbers, Texts", p.rel, slices.Sorted(mapsKeys(got)))
	}
	for _, m := range []string{"String", "Text", "Equal"} {
		if !hasMethod(p.pkg.Scope().Lookup("Reason").Type(), m) {
			t.Errorf("%s.Reason has no %s method", p.rel, m)
		}
	}
	text := registry.reasons[p.rel]
	if text == nil {
		t.Errorf("%s.Reason.Text is not in the registry", p.rel)
		return
	}
	for _, c := range p.codes {
		code := registry.codes[p.key(c)]
		if !snake.MatchString(code) || c != "Code"+camel(code) {
			t.Errorf("%s = %q: codes are snake_case and the constant is Code + the code in CamelCase (%s)", c, code, "Code"+camel(code))
		}
		en, zh := text(code, "en"), text(code, "zh-CN")
		switch {
		case en == code || en == "":
			t.Errorf("%s (%q) has no English sentence", c, code)
		case strings.ContainsAny(en, "{}"), strings.ContainsAny(zh, "{}"):
			t.Errorf("%s (%q) leaves a placeholder unexpanded: %q / %q", c, code, en, zh)
		case zh == en || !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }):
			t.Errorf("%s (%q) has no Chinese sentence: Text(\"zh-CN\") = %q", c, code, zh)
		}
		if other := text(code, "fr"); other != en {
			t.Errorf("%s: Text(\"fr\") = %q, want the English %q", c, other, en)
		}
	}
}

// camel turns "growth_above_limit" into "GrowthAboveLimit".
func camel(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
