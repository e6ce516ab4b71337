package forecast_test

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
)

var update = flag.Bool("update", false, "rewrite the golden encodings in testdata")

// shardPipelines splits deals at random into k pipelines.
func shardPipelines(t *testing.T, r *rand.Rand, deals []forecast.Deal, k int, opts *forecast.PipelineOptions) []*forecast.Pipeline {
	t.Helper()
	shards := make([]*forecast.Pipeline, k)
	for i := range shards {
		shards[i] = newPipeline(t, 2, opts)
	}
	for _, d := range deals {
		if err := shards[r.IntN(k)].Add(d); err != nil {
			t.Fatal(err)
		}
	}
	return shards
}

// TestPipelineShardings is the accumulator property: split the deals at
// random into shards, encode every shard, decode, merge in random order;
// the result reports, and encodes, exactly as one pass over all deals.
func TestPipelineShardings(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	deals := genDeals(3000, 2)
	for _, opts := range []*forecast.PipelineOptions{nil, {Grain: forecast.Quarter, FiscalYearStart: 7}} {
		one := newPipeline(t, 2, opts)
		if err := one.AddAll(deals); err != nil {
			t.Fatal(err)
		}
		want := one.Report(&forecast.ReportOptions{ByOwner: true})
		wantBytes, _ := one.MarshalBinary()
		for trial := range 20 {
			shards := shardPipelines(t, r, deals, 1+r.IntN(8), opts)
			var decoded []*forecast.Pipeline
			for _, s := range shards {
				b, err := s.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				var p forecast.Pipeline
				if err := p.UnmarshalBinary(b); err != nil {
					t.Fatalf("UnmarshalBinary of a shard: %v", err)
				}
				decoded = append(decoded, &p)
			}
			r.Shuffle(len(decoded), func(i, j int) { decoded[i], decoded[j] = decoded[j], decoded[i] })
			// merge pairwise in a random tree, so that grouping varies too
			for len(decoded) > 1 {
				i := r.IntN(len(decoded) - 1)
				if err := decoded[i].Merge(decoded[i+1]); err != nil {
					t.Fatal(err)
				}
				decoded = append(decoded[:i+1], decoded[i+2:]...)
			}
			got := decoded[0].Report(&forecast.ReportOptions{ByOwner: true})
			if diff := cmp.Diff(want, got, equateDecimals); diff != "" {
				t.Fatalf("trial %d: merged shards report differently (-one pass +merged):\n%s", trial, diff)
			}
			gotBytes, _ := decoded[0].MarshalBinary()
			if !bytes.Equal(wantBytes, gotBytes) {
				t.Fatalf("trial %d: merged shards encode differently from one pass", trial)
			}
		}
	}
}

// genClosed returns n closed deals over four stages, three teams (and
// none), with two fields.
func genClosed(n int, seed uint64) []forecast.ClosedDeal {
	r := rand.New(rand.NewPCG(seed, 13))
	stages := []string{"lead", "qualified", "proposal", "negotiation"}
	teams := []string{"", "emea", "apac", "amer"}
	sources := []string{"web", "referral", "event", ""}
	out := make([]forecast.ClosedDeal, n)
	for i := range out {
		si := r.IntN(4)
		won := r.Float64() < 0.15+0.2*float64(si)
		d := forecast.ClosedDeal{ID: strconv.Itoa(i), Team: teams[r.IntN(4)], Stage: stages[si], Outcome: forecast.Lost,
			Fields: map[string]string{"source": sources[r.IntN(4)], "size": []string{"s", "m", "l"}[r.IntN(3)]}}
		if won {
			d.Outcome = forecast.Won
		}
		out[i] = d
	}
	return out
}

func newWin(t testing.TB, rules forecast.Rules) *forecast.WinModel {
	t.Helper()
	w, err := forecast.NewWinModel([]string{"lead", "qualified", "proposal", "negotiation"}, &forecast.WinModelOptions{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestWinModelShardings is the accumulator property for the win model:
// shards encoded, decoded and merged in random order score every deal as
// one pass does, and encode to the same bytes.
func TestWinModelShardings(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	deals := genClosed(2000, 3)
	open := genClosed(200, 4)
	for _, rules := range []forecast.Rules{forecast.RulesStandard, forecast.RulesOdoo} {
		one := newWin(t, rules)
		if err := one.LearnAll(deals); err != nil {
			t.Fatal(err)
		}
		wantBytes, _ := one.MarshalBinary()
		for trial := range 10 {
			k := 1 + r.IntN(6)
			shards := make([]*forecast.WinModel, k)
			for i := range shards {
				shards[i] = newWin(t, rules)
			}
			for _, d := range deals {
				if err := shards[r.IntN(k)].Learn(d); err != nil {
					t.Fatal(err)
				}
			}
			merged := newWin(t, rules)
			r.Shuffle(k, func(i, j int) { shards[i], shards[j] = shards[j], shards[i] })
			for _, s := range shards {
				b, _ := s.MarshalBinary()
				var w forecast.WinModel
				if err := w.UnmarshalBinary(b); err != nil {
					t.Fatalf("UnmarshalBinary of a shard: %v", err)
				}
				if err := merged.Merge(&w); err != nil {
					t.Fatal(err)
				}
			}
			gotBytes, _ := merged.MarshalBinary()
			if !bytes.Equal(wantBytes, gotBytes) {
				t.Fatalf("trial %d: merged shards encode differently from one pass", trial)
			}
			for _, d := range open {
				od := forecast.OpenDeal{Team: d.Team, Stage: d.Stage, Fields: d.Fields}
				a, err1 := one.Score(od)
				b, err2 := merged.Score(od)
				if err1 != nil || err2 != nil || a.Probability != b.Probability {
					t.Fatalf("trial %d: Score = %v, %v; one pass %v, %v", trial, b.Probability, err2, a.Probability, err1)
				}
			}
		}
	}
}

// goldenPipeline is the pipeline the golden encoding holds: the worked
// example's deals, by month.
func goldenPipeline(t *testing.T) *forecast.Pipeline {
	p := newPipeline(t, 2, nil)
	if err := p.AddAll(workedDeals()); err != nil {
		t.Fatal(err)
	}
	return p
}

// goldenWin is the win model the golden encoding holds: 300 generated
// closed deals under Odoo's rules.
func goldenWin(t *testing.T) *forecast.WinModel {
	w := newWin(t, forecast.RulesOdoo)
	if err := w.LearnAll(genClosed(300, 7)); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestGoldenEncodings decodes the bytes this version wrote, so that a
// change of format cannot silently break stored accumulators: the decoded
// accumulators report as freshly built ones, and those encode to the same
// bytes. Run go test ./forecast -run TestGoldenEncodings -update to accept a
// deliberate change (and raise the version byte).
func TestGoldenEncodings(t *testing.T) {
	for _, c := range []struct {
		file  string
		build func() interface{ MarshalBinary() ([]byte, error) }
		check func(t *testing.T, data []byte)
	}{
		{"pipeline-v1.bin", func() interface{ MarshalBinary() ([]byte, error) } { return goldenPipeline(t) },
			func(t *testing.T, data []byte) {
				var p forecast.Pipeline
				if err := p.UnmarshalBinary(data); err != nil {
					t.Fatal(err)
				}
				want := goldenPipeline(t).Report(&forecast.ReportOptions{ByOwner: true})
				if diff := cmp.Diff(want, p.Report(&forecast.ReportOptions{ByOwner: true}), equateDecimals); diff != "" {
					t.Errorf("decoded golden pipeline (-want +got):\n%s", diff)
				}
				if got := p.Report(nil).Periods[0].Expected; !got.Equal(dec("210833.35")) {
					t.Errorf("decoded golden pipeline expects %s, want 210833.35", got)
				}
			}},
		{"winmodel-v1.bin", func() interface{ MarshalBinary() ([]byte, error) } { return goldenWin(t) },
			func(t *testing.T, data []byte) {
				var w forecast.WinModel
				if err := w.UnmarshalBinary(data); err != nil {
					t.Fatal(err)
				}
				fresh := goldenWin(t)
				for _, d := range genClosed(50, 8) {
					od := forecast.OpenDeal{Team: d.Team, Stage: d.Stage, Fields: d.Fields}
					a, _ := fresh.Score(od)
					b, err := w.Score(od)
					if err != nil || a.Probability != b.Probability {
						t.Fatalf("decoded golden model scores %v (%v), want %v", b.Probability, err, a.Probability)
					}
				}
			}},
	} {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", c.file)
			fresh, _ := c.build().MarshalBinary()
			if *update {
				if err := os.WriteFile(path, fresh, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if data[0] != 1 {
				t.Fatalf("golden version byte %d, want 1", data[0])
			}
			c.check(t, data)
			if !bytes.Equal(fresh, data) {
				t.Errorf("this version encodes %s differently from the golden file", c.file)
			}
		})
	}
}

// TestDecodeErrors checks that damaged encodings are refused with a clear
// error and leave the accumulator as it was: every truncation, a changed
// version, kind or count, trailing bytes.
func TestDecodeErrors(t *testing.T) {
	good, _ := goldenPipeline(t).MarshalBinary()
	p := goldenPipeline(t)
	before := p.Report(nil)
	for n := range len(good) {
		err := p.UnmarshalBinary(good[:n])
		if !errors.Is(err, forecast.ErrEncoding) && !errors.Is(err, forecast.ErrVersion) {
			t.Fatalf("UnmarshalBinary of %d of %d bytes = %v, want ErrEncoding", n, len(good), err)
		}
	}
	bad := append([]byte(nil), good...)
	bad[0] = 2
	if err := p.UnmarshalBinary(bad); !errors.Is(err, forecast.ErrVersion) {
		t.Errorf("version 2: %v, want ErrVersion", err)
	}
	bad[0], bad[1] = 1, 'W'
	if err := p.UnmarshalBinary(bad); !errors.Is(err, forecast.ErrEncoding) {
		t.Errorf("kind W: %v, want ErrEncoding", err)
	}
	if err := p.UnmarshalBinary(append(append([]byte(nil), good...), 0)); !errors.Is(err, forecast.ErrEncoding) {
		t.Errorf("trailing byte: %v, want ErrEncoding", err)
	}
	if !p.Report(nil).Equal(before) {
		t.Error("a failed UnmarshalBinary changed the pipeline")
	}
	var w forecast.WinModel
	if err := w.UnmarshalBinary(good); !errors.Is(err, forecast.ErrEncoding) {
		t.Errorf("a pipeline decoded as a win model: %v, want ErrEncoding", err)
	}
	wg, _ := goldenWin(t).MarshalBinary()
	for n := range len(wg) {
		if err := w.UnmarshalBinary(wg[:n]); !errors.Is(err, forecast.ErrEncoding) && !errors.Is(err, forecast.ErrVersion) {
			t.Fatalf("win model UnmarshalBinary of %d of %d bytes = %v, want ErrEncoding", n, len(wg), err)
		}
	}
}
