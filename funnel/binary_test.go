package funnel_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// travelled returns a after MarshalBinary and UnmarshalBinary into a zero
// Analyzer, as a distributed engine ships it.
func travelled(t testing.TB, a *funnel.Analyzer) *funnel.Analyzer {
	t.Helper()
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var b funnel.Analyzer
	if err := b.UnmarshalBinary(data); err != nil {
		t.Fatalf("UnmarshalBinary(MarshalBinary()) = %v", err)
	}
	return &b
}

// reshuffled returns events with owners and sources that change within a
// deal, events that name none, and, when sub is set, times off whole
// seconds, so that attribution as of AsOf and every name mode of the binary
// form are exercised.
func reshuffled(rng *rand.Rand, events []funnel.Event, sub bool) []funnel.Event {
	out := make([]funnel.Event, len(events))
	for i, e := range events {
		switch x := rng.IntN(10); {
		case x == 0:
			e.Owner = ""
		case x < 3:
			e.Owner = "rep" + string(rune('a'+rng.IntN(5)))
		}
		switch x := rng.IntN(10); {
		case x == 0:
			e.Source = ""
		case x == 1:
			e.Source = "partner"
		}
		if sub {
			e.Time = e.Time.Add(time.Duration(rng.IntN(3)) * 1500 * time.Microsecond)
		}
		out[i] = e
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// allReports returns the JSON of every report of a, one per reportOptions
// and per segmenter, the flow of a window, and the counts.
func allReports(t testing.TB, a *funnel.Analyzer) map[string]string {
	t.Helper()
	out := map[string]string{}
	asOf := genStart.Add(150*24*time.Hour + 7*time.Hour)
	for name, o := range reportOptions() {
		out[name] = jsonOf(t, report(t, a, o))
		o.AsOf = asOf
		for seg, by := range map[string]funnel.Segmenter{"owner": funnel.ByOwner{}, "source": funnel.BySource{}} {
			o.By = by
			out[name+", as of, by "+seg] = jsonOf(t, report(t, a, o))
		}
	}
	out["flow"] = jsonOf(t, flow(t, a, genStart.Add(40*24*time.Hour), genStart.Add(100*24*time.Hour)))
	out["counts"] = jsonOf(t, []int{a.Deals(), a.Events()})
	return out
}

// TestBinaryShardings is the property that an analyzer that travelled
// reports and merges exactly as the original: events in arbitrary order,
// split into a random number of shards at random (so one deal's events
// land on several), each shard encoded and decoded, and the decoded shards
// merged in random order, give every report, segmented and as of a time,
// as one analyzer fed every event does; so do the merged analyzer after one
// more trip, and shards merged into an analyzer that did not travel.
func TestBinaryShardings(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 14))
		events := reshuffled(rng, genEvents(900+seed, genOptions{Deals: 400, Owners: 4, Messy: true}), seed%2 == 1)
		want := allReports(t, analyze(t, events))

		n := 1 + rng.IntN(7)
		shards := make([][]funnel.Event, n)
		for _, e := range events {
			k := rng.IntN(n)
			shards[k] = append(shards[k], e)
		}
		// plain takes shards[0] as it is and the others after a trip.
		plain := analyze(t, shards[0])
		var decoded []*funnel.Analyzer
		for k, s := range shards {
			decoded = append(decoded, travelled(t, analyze(t, s)))
			if k > 0 {
				if err := plain.Merge(travelled(t, analyze(t, s))); err != nil {
					t.Fatal(err)
				}
			}
		}
		rng.Shuffle(n, func(i, j int) { decoded[i], decoded[j] = decoded[j], decoded[i] })
		merged := decoded[0]
		for _, d := range decoded[1:] {
			if err := merged.Merge(d); err != nil {
				t.Fatal(err)
			}
		}
		for what, a := range map[string]*funnel.Analyzer{
			"decoded shards merged":                              merged,
			"merged, after one more trip":                        travelled(t, merged),
			"decoded shards merged into one that did not travel": plain,
		} {
			got := allReports(t, a)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("seed %d, %d shards, %s: reports differ from one pass (-want +got):\n%s", seed, n, what, diff)
			}
		}
	}
}

// TestBinaryMergeInto checks that a decoded analyzer merges into one that
// never travelled, and one that never travelled into a decoded one, with
// the reports of one pass; and that it keeps its options: a decoded Skip
// analyzer still counts unknown stages and refuses to merge with a Reject
// one.
func TestBinaryMergeInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	events := reshuffled(rng, genEvents(77, genOptions{Deals: 300, Owners: 3, Messy: true}), false)
	want := allReports(t, analyze(t, events))
	cut := len(events) / 3
	for name, pair := range map[string]func() (*funnel.Analyzer, *funnel.Analyzer){
		"decoded into plain": func() (*funnel.Analyzer, *funnel.Analyzer) {
			return analyze(t, events[:cut]), travelled(t, analyze(t, events[cut:]))
		},
		"plain into decoded": func() (*funnel.Analyzer, *funnel.Analyzer) {
			return travelled(t, analyze(t, events[:cut])), analyze(t, events[cut:])
		},
	} {
		a, b := pair()
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, allReports(t, a)); diff != "" {
			t.Errorf("%s: reports differ from one pass (-want +got):\n%s", name, diff)
		}
	}

	skip := travelled(t, analyze(t, []funnel.Event{ev("d1", "lead", day(1), 10), ev("d1", "on_hold", day(2), 10)}))
	r := report(t, skip, funnel.ReportOptions{})
	if want := []funnel.Ignored{{Cause: funnel.UnknownStage, Stage: "on_hold", Events: 1}}; !cmp.Equal(want, r.Ignored) {
		t.Errorf("decoded Skip analyzer: Ignored = %+v, want %+v", r.Ignored, want)
	}
	if err := skip.Add(ev("d2", "paused", day(3), 1)); err != nil {
		t.Errorf("decoded Skip analyzer: Add of an unknown stage = %v, want nil", err)
	}
	reject, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err := travelled(t, reject).Merge(skip); !errors.Is(err, funnel.ErrMismatch) {
		t.Errorf("Merge(Skip into decoded Reject) = %v, want ErrMismatch", err)
	}
	if err := travelled(t, reject).Add(ev("d2", "paused", day(3), 1)); !errors.Is(err, funnel.ErrUnknownStage) {
		t.Errorf("decoded Reject analyzer: Add of an unknown stage = %v, want ErrUnknownStage", err)
	}
}

// TestBinaryStable checks that encoding a decoded analyzer gives the same
// bytes, so stored accumulators do not drift as they are re-encoded.
func TestBinaryStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	a := analyze(t, reshuffled(rng, genEvents(5, genOptions{Deals: 200, Owners: 3, Messy: true}), true))
	first, _ := a.MarshalBinary()
	second, _ := travelled(t, a).MarshalBinary()
	if !bytes.Equal(first, second) {
		t.Errorf("MarshalBinary of the decoded analyzer differs from the original's (%d and %d bytes)", len(second), len(first))
	}
}

// goldenEvents are the events of the golden file: the worked example of
// doc.go, a deal whose owner changes, one without names, a big amount, a
// sub-second time and a skipped unknown stage.
func goldenEvents() []funnel.Event {
	events := worked()
	big := ev("g3", "lead", day(4), 0)
	big.Amount = decimal.RequireFromString("123456789012345678901234.5")
	sub := ev("g4", "qualified", day(5).Add(1500*time.Microsecond), 77)
	sub.Amount = decimal.RequireFromString("77.25")
	return append(events,
		funnel.Event{Deal: "g1", Stage: "lead", Time: day(1), Amount: dec("500"), Owner: "ann", Source: "web"},
		funnel.Event{Deal: "g1", Stage: "proposal", Time: day(8), Amount: dec("650"), Owner: "bob", Source: "web"},
		funnel.Event{Deal: "g1", Stage: "won", Time: day(20), Amount: dec("650"), Owner: "ann"},
		ev("g2", "lead", day(2), 5),
		big, sub,
		ev("g2", "on_hold", day(3), 5),
	)
}

// TestBinaryGolden decodes the golden file of each format version,
// testdata/analyzer.v1.bin and analyzer.v2.bin, and checks that each
// reports as the golden events do, and that encoding the golden events
// gives the current version's file. Rewrite the current version's file with
// -update only for a new version, keeping the old files for the decoder
// that reads them.
func TestBinaryGolden(t *testing.T) {
	a := analyze(t, goldenEvents())
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := allReports(t, a)
	for _, version := range []byte{1, 2} {
		path := filepath.Join("testdata", "analyzer.v"+itoa(int(version))+".bin")
		current := version == data[0]
		if current && *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		golden, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if golden[0] != version || golden[1] != 'A' {
			t.Fatalf("%s: header % x, want %02x 41", path, golden[:2], version)
		}
		var b funnel.Analyzer
		if err := b.UnmarshalBinary(golden); err != nil {
			t.Fatalf("%s: UnmarshalBinary = %v", path, err)
		}
		if diff := cmp.Diff(want, allReports(t, &b)); diff != "" {
			t.Errorf("%s: reports differ from the golden events' (-want +got):\n%s", path, diff)
		}
		if current && !bytes.Equal(data, golden) {
			t.Errorf("MarshalBinary of the golden events gives\n%x\n%s holds\n%x", data, path, golden)
		}
		if again, _ := b.MarshalBinary(); !bytes.Equal(again, data) {
			t.Errorf("%s: MarshalBinary of the decoded analyzer is not the golden events' form", path)
		}
		// The worked example's owners as of day 10: g1 moved to bob on day 8.
		r := report(t, &b, funnel.ReportOptions{AsOf: day(10), By: funnel.ByOwner{}})
		var owners []string
		for _, s := range r.Segments {
			owners = append(owners, s.Key)
		}
		if want := []string{"", "bob"}; !cmp.Equal(want, owners) {
			t.Errorf("%s: by owner as of day 10: segments %q, want %q", path, owners, want)
		}
	}
	if data[0] != 2 {
		t.Errorf("MarshalBinary writes version %d; add its golden file to this test", data[0])
	}
}

// TestUnmarshalBinaryErrors checks that every cut of a valid form, every
// single-byte change that breaks it and a few hand-made forms are errors
// wrapping ErrFormat, and leave the analyzer as it was.
func TestUnmarshalBinaryErrors(t *testing.T) {
	good, err := analyze(t, goldenEvents()).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var keep funnel.Analyzer
	if err := keep.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
	want := allReports(t, &keep)
	check := func(name string, data []byte) {
		t.Helper()
		err := keep.UnmarshalBinary(data)
		if !errors.Is(err, funnel.ErrFormat) {
			t.Fatalf("%s: UnmarshalBinary = %v, want ErrFormat", name, err)
		}
	}
	for n := range len(good) {
		check("first "+itoa(n)+" bytes", good[:n])
	}
	check("a trailing byte", append(bytes.Clone(good), 0))
	bad := bytes.Clone(good)
	bad[0] = 3
	check("version 3", bad)
	bad = bytes.Clone(good)
	bad[1] = 'T'
	check("kind T", bad)
	header := func(stages string, rest ...uint64) []byte {
		b := []byte{1, 'A'}
		b = binary.AppendUvarint(b, uint64(len(stages)))
		b = append(b, stages...)
		for _, v := range rest {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	b2b := jsonOf(t, funnel.B2B())
	for name, data := range map[string][]byte{
		"stages not JSON":       header("[", 0, 0, 0, 0, 0, 0, 0),
		"one stage":             header(`[{"key":"won","outcome":"won"}]`, 0, 0, 0, 0, 0, 0, 0),
		"on_unknown 2":          header(b2b, 2, 0, 0, 0, 0, 0, 0),
		"hint past capacity":    header(b2b, 0, 1<<40, 0, 0, 0, 0, 0),
		"time unit 4":           header(b2b, 0, 0, 0, 4, 0, 0, 0),
		"unknown key a stage":   append(header(b2b, 1, 0, 0, 3, 1, 4), append([]byte("lead"), 1, 0, 0)...),
		"repeated name":         append(header(b2b, 0, 0, 0, 3, 0, 2, 1), 'a', 1, 'a', 0),
		"an empty name":         append(header(b2b, 0, 0, 0, 3, 0, 1, 0), 0),
		"billion deals":         header(b2b, 0, 0, 0, 3, 0, 0, 1e9, 1, 1),
		"deal without events":   append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 0), 'd'),
		"repeated deal":         append(header(b2b, 0, 0, 0, 3, 0, 0, 2, 1, 1, 1, 1), 'd', 'd', 2, 0xc0, 2, 0xc0),
		"stage 9":               append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 1), 'd', 2, 0x80|9, 0),
		"time before 1900":      append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 1), 'd', 0xff, 0xff, 0xff, 0xff, 0x7f, 0x80|0x40),
		"zero with exponent 2":  append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 1), 'd', 2, 0x80, 4<<1|40),
		"name mode last first":  append(header(b2b, 0, 0, 0, 3, 0, 1, 1, 'a', 1, 1, 1), 'd', 2, 0x40, 1),
		"name number 2 of 1":    append(header(b2b, 0, 0, 0, 3, 0, 1, 1, 'a', 1, 1, 1), 'd', 2, 0x40, 2, 2),
		"big amount of 0 bytes": append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 1), 'd', 2, 0x80, 1, 0, 0),
		"19 decimal places":     append(header(b2b, 0, 0, 0, 3, 0, 0, 1, 1, 1), 'd', 2, 0x80, 1, 37, 1, 1),
	} {
		check(name, data)
	}
	// Version 2: one deal "d" of one event, with the deal's owner and
	// source (name numbers, 0 for none) and the event's time and word, then
	// the extensions' count and bytes. Stage lead, amount 5 (5<<15 | 18<<6)
	// on 1 Mar 2025 decodes; each change of it below does not.
	const t2025, five = 1740787200 * 1e9, 5<<15 | 18<<6
	form2 := func(names []string, owner, source uint64, tm int64, w uint64, ext ...byte) []byte {
		b := []byte{2, 'A'}
		b = binary.AppendUvarint(b, uint64(len(b2b)))
		b = append(b, b2b...)
		b = append(b, 0, 0, 0, 0, byte(len(names)))
		for _, n := range names {
			b = append(b, byte(len(n)))
			b = append(b, n...)
		}
		b = append(b, 1, 1, 1, byte(owner), byte(source), 'd')
		b = binary.LittleEndian.AppendUint64(b, uint64(tm))
		b = binary.LittleEndian.AppendUint64(b, w)
		return append(b, ext...)
	}
	ann := []string{"ann"}
	var ok2 funnel.Analyzer
	if err := ok2.UnmarshalBinary(form2(ann, 1, 0, t2025, five|1<<13, 0)); err != nil || ok2.Events() != 1 {
		t.Fatalf("a valid version 2 form: UnmarshalBinary = %v, %d events", err, ok2.Events())
	}
	for name, data := range map[string][]byte{
		"v2 stage 9":                             form2(nil, 0, 0, t2025, five|9, 0),
		"v2 time before 1900":                    form2(nil, 0, 0, -1<<62, five, 0),
		"v2 time after 2190":                     form2(nil, 0, 0, 1<<63-1, five, 0),
		"v2 zero with exponent 2":                form2(nil, 0, 0, t2025, 20<<6, 0),
		"v2 exponent 19":                         form2(nil, 0, 0, t2025, 5<<15|37<<6, 0),
		"v2 owner bit, deal without":             form2(nil, 0, 0, t2025, five|1<<13, 0),
		"v2 source bit, deal without":            form2(ann, 1, 0, t2025, five|1<<13|1<<14, 0),
		"v2 deal owner no event names":           form2(ann, 1, 0, t2025, five, 0),
		"v2 owner past the names":                form2(ann, 2, 0, t2025, five|1<<13, 0),
		"v2 extended word with more bits":        form2(nil, 0, 0, t2025, 1<<12|1<<13, 1, 0xa4, 0x05, 0, 0),
		"v2 extension not needed":                form2(ann, 1, 0, t2025, five|1<<13, 1, 0xa4, 0x05, 1, 0),
		"v2 extension naming for a deal without": form2(ann, 0, 0, t2025, 1<<12, 1, 0xa4, 0x05, 1, 0),
		"v2 an extended event, none given":       form2(nil, 0, 0, t2025, 1<<12, 0),
		"v2 an extension, no event":              form2(nil, 0, 0, t2025, five, 1, 0xa4, 0x05, 0, 0),
		"v2 events cut short":                    form2(nil, 0, 0, t2025, five)[:250],
	} {
		check(name, data)
	}
	if diff := cmp.Diff(want, allReports(t, &keep)); diff != "" {
		t.Errorf("a failed UnmarshalBinary changed the analyzer (-want +got):\n%s", diff)
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

// FuzzUnmarshalBinary decodes arbitrary bytes, seeded with the golden file
// and small valid forms. Nothing may panic; an error must wrap ErrFormat;
// an analyzer decoded without one must report without error, encode to
// bytes that decode to an analyzer reporting the same, and merge with a
// fresh copy of itself as two analyzers of the same events do.
func FuzzUnmarshalBinary(f *testing.F) {
	for _, name := range []string{"analyzer.v1.bin", "analyzer.v2.bin"} {
		if golden, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(golden)
		}
	}
	for seed := range uint64(3) {
		events := genEvents(seed, genOptions{Deals: 3 + int(seed), Owners: 2, Messy: true})
		a, _ := funnel.NewAnalyzer(funnel.B2B(), &funnel.Options{OnUnknown: funnel.Skip})
		a.AddAll(events)
		data, _ := a.MarshalBinary()
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return // one execution stays cheap
		}
		var a funnel.Analyzer
		if err := a.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, funnel.ErrFormat) {
				t.Fatalf("UnmarshalBinary = %v, not wrapping ErrFormat", err)
			}
			return
		}
		opts := []funnel.ReportOptions{{}, {AsOf: genStart.Add(100 * 24 * time.Hour), By: funnel.ByOwner{}}}
		var want []string
		for _, o := range opts {
			want = append(want, jsonOf(t, report(t, &a, o)))
		}
		again := travelled(t, &a)
		for i, o := range opts {
			if got := jsonOf(t, report(t, again, o)); got != want[i] {
				t.Fatalf("options %d: report after a second trip differs", i)
			}
		}
		var twice funnel.Analyzer
		_ = twice.UnmarshalBinary(data)
		if err := twice.Merge(again); err != nil {
			t.Fatalf("Merge(copy) = %v", err)
		}
		if twice.Events() != 2*a.Events() || twice.Deals() != a.Deals() {
			t.Fatalf("merged with a copy: %d deals, %d events; want %d, %d", twice.Deals(), twice.Events(), a.Deals(), 2*a.Events())
		}
	})
}

// TestBinaryThenAdd checks that a decoded analyzer goes on taking events
// as the original does, for the deals it knows and for new ones: deals all
// in id order (the decoder keeps them a sorted prefix), or first in id
// order and then out of it (the decoder keeps a prefix and then hashes),
// and a second batch that repeats some deals and brings new ones, in both
// orders.
func TestBinaryThenAdd(t *testing.T) {
	events := genEvents(11, genOptions{Deals: 5000, Owners: 4, Messy: true})
	slices.SortStableFunc(events, func(x, y funnel.Event) int { return strings.Compare(x.Deal, y.Deal) })
	rng := rand.New(rand.NewPCG(11, 11))
	// The first 3,000 deals' events in id order, then the rest shuffled.
	cut := 0
	for cut < len(events) && events[cut].Deal < "D1003000" {
		cut++
	}
	mixed := append(slices.Clone(events[:cut*2/3]), reshuffled(rng, events[cut*2/3:cut], false)...)
	later := reshuffled(rng, events[cut:], false)
	for i := 0; i < cut; i += 7 {
		later = append(later, events[i]) // the known deals, from first to last
	}
	for _, order := range []string{"in order, as it came", "in order, shuffled", "mixed, as it came", "mixed, shuffled"} {
		first := events[:cut]
		if strings.HasPrefix(order, "mixed") {
			first = mixed
		}
		if strings.HasSuffix(order, "shuffled") {
			later = reshuffled(rng, later, false)
		}
		a := analyze(t, first)
		b := travelled(t, a)
		for _, e := range later {
			errA, errB := a.Add(e), b.Add(e)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("%s: Add(%+v) = %v on the original, %v on the decoded", order, e, errA, errB)
			}
		}
		if a.Deals() != b.Deals() || a.Events() != b.Events() {
			t.Fatalf("%s: decoded then added: %d deals, %d events; the original %d, %d", order, b.Deals(), b.Events(), a.Deals(), a.Events())
		}
		if diff := cmp.Diff(allReports(t, a), allReports(t, b)); diff != "" {
			t.Errorf("%s: reports differ (-original +decoded):\n%s", order, diff)
		}
	}
}

// TestDealIDsKept checks that deal ids come back whole from an analyzer,
// fed directly, merged and decoded, when they fill several of its
// internal chunks: short ids, ids of a few kilobytes, and one of 3 MB, more
// than a chunk holds. A segmenter that keys each deal by its id sees every
// id once.
func TestDealIDsKept(t *testing.T) {
	var ids []string
	for i := range 3000 {
		ids = append(ids, "deal-"+itoa(i)+strings.Repeat("x", (i%40)*(i%7)*11))
	}
	ids = append(ids, strings.Repeat("long", 3<<20/4))
	var events []funnel.Event
	for i, id := range ids {
		events = append(events, ev(id, "lead", day(1+i%9), int64(i)))
	}
	split, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	rest, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	for i, e := range events {
		x := split
		if i%3 == 0 {
			x = rest
		}
		if err := x.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := split.Merge(rest); err != nil {
		t.Fatal(err)
	}
	byID := funnel.SegmentFunc(func(d funnel.Deal) string { return d.ID })
	for name, a := range map[string]*funnel.Analyzer{
		"one pass": analyze(t, events), "merged": split, "decoded": travelled(t, split),
	} {
		r := report(t, a, funnel.ReportOptions{By: byID})
		var got []string
		for _, s := range r.Segments {
			got = append(got, s.Key)
		}
		if want := slices.Sorted(slices.Values(ids)); !slices.Equal(got, want) {
			t.Errorf("%s: %d segments, want one for each of the %d ids", name, len(got), len(ids))
		}
	}
}
