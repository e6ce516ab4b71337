package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/saleskit/saleskit/funnel"
)

func init() {
	// An analyzer travels between workers in its binary form.
	beam.RegisterCoder(reflect.TypeOf((*funnel.Analyzer)(nil)),
		func(a *funnel.Analyzer) ([]byte, error) { return a.MarshalBinary() },
		func(b []byte) (*funnel.Analyzer, error) {
			a := new(funnel.Analyzer)
			return a, a.UnmarshalBinary(b)
		})
	register.DoFn2x0[string, func(int, string)](&shardFn{})
	register.Emitter2[int, string]()
	register.Combiner3[*funnel.Analyzer, string, []byte](&shardAnalyzerFn{})
	register.Combiner3[*funnel.Analyzer, []byte, string](&reportFn{})
}

// funnelConfig is what the funnel pipeline reads, and how.
type funnelConfig struct {
	Input  string // an events file: csvHeader, then one event a line
	Stages funnel.Stages
	Report ReportSpec
	Shards int   // deal-id hash buckets, each aggregated by one analyzer
	Batch  int   // lines an element carries
	Chunk  int64 // bytes of the file a worker reads at a time
}

// ReportSpec is the report the pipeline writes: funnel.ReportOptions in
// data form, with the segmenter named ("owner", "source" or "" for none).
type ReportSpec struct {
	Options funnel.ReportOptions `json:"options"`
	By      string               `json:"by,omitempty"`
}

// options returns the report options, By included.
func (r ReportSpec) options() (*funnel.ReportOptions, error) {
	o := r.Options
	o.By = nil
	switch r.By {
	case "":
	case "owner":
		o.By = funnel.ByOwner{}
	case "source":
		o.By = funnel.BySource{}
	default:
		return nil, fmt.Errorf("report by %q: want owner, source or nothing", r.By)
	}
	return &o, nil
}

// funnelPipeline adds to s the stages that read cfg.Input and report on
// its events, and returns the report's JSON, one element:
//
//	file ─Split─▶ chunks ─Reshuffle, Read─▶ batches of lines ─Shard─▶ (shard, lines)
//	  ─CombinePerKey(analyzer)─▶ (shard, encoded analyzer)
//	  ─Combine(merge, report)─▶ report JSON
//
// Every event of a deal goes to the same shard, by a hash of its id, and
// each shard is aggregated by one funnel.Analyzer: AddInput adds a batch of
// lines, MergeAccumulators merges the analyzers of two bundles (which the
// runner ships in their binary form), and ExtractOutput encodes the
// shard's analyzer. The global combine merges the shards and reports.
func funnelPipeline(s beam.Scope, cfg funnelConfig) beam.PCollection {
	s = s.Scope("funnel")
	batches := readLines(s, cfg.Input, cfg.Chunk, cfg.Batch)
	keyed := beam.ParDo(s, &shardFn{Shards: cfg.Shards}, batches)
	stages, err := json.Marshal(cfg.Stages)
	if err != nil {
		panic(err) // a validated stage list always marshals
	}
	report, err := json.Marshal(cfg.Report)
	if err != nil {
		panic(err)
	}
	perShard := beam.CombinePerKey(s, &shardAnalyzerFn{Stages: string(stages)}, keyed)
	return beam.Combine(s, &reportFn{Stages: string(stages), Report: string(report)}, beam.DropKey(s, perShard))
}

// newAnalyzer returns an empty analyzer for the stage list in JSON, which
// skips unknown stages and counts them.
func newAnalyzer(stages string) (*funnel.Analyzer, error) {
	var list funnel.Stages
	if err := json.Unmarshal([]byte(stages), &list); err != nil {
		return nil, err
	}
	return funnel.NewAnalyzer(list, &funnel.Options{OnUnknown: funnel.Skip})
}

// shardFn splits a batch of event lines by the hash of their deal ids into
// Shards buckets and emits the lines of each bucket present as one element.
type shardFn struct {
	Shards int `json:"shards"`
}

func (f *shardFn) ProcessElement(batch string, emit func(int, string)) {
	n := max(f.Shards, 1)
	parts := make([]strings.Builder, n)
	for k := range parts {
		parts[k].Grow(2 * len(batch) / n)
	}
	for line := range strings.Lines(batch) {
		k := shardOf(dealOf(line), n)
		parts[k].WriteString(line)
	}
	for k := range parts {
		if parts[k].Len() > 0 {
			emit(k, parts[k].String())
		}
	}
}

// shardOf returns the bucket of a deal id among n by its 32-bit FNV-1a
// hash, the same on every worker.
func shardOf(deal string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(deal); i++ {
		h = (h ^ uint32(deal[i])) * 16777619
	}
	return int(h % uint32(n))
}

// shardAnalyzerFn aggregates a shard's batches of lines into one analyzer
// and outputs its binary form. Its fields, which Beam serializes with the
// pipeline, are JSON.
type shardAnalyzerFn struct {
	Stages string `json:"stages"`
}

func (f *shardAnalyzerFn) CreateAccumulator() (*funnel.Analyzer, error) { return newAnalyzer(f.Stages) }

func (f *shardAnalyzerFn) AddInput(a *funnel.Analyzer, lines string) (*funnel.Analyzer, error) {
	return a, addLines(a, lines)
}

func (f *shardAnalyzerFn) MergeAccumulators(a, b *funnel.Analyzer) (*funnel.Analyzer, error) {
	return a, a.Merge(b)
}

func (f *shardAnalyzerFn) ExtractOutput(a *funnel.Analyzer) ([]byte, error) {
	return a.MarshalBinary()
}

// reportFn merges the shards' encoded analyzers and outputs the report's
// JSON.
type reportFn struct {
	Stages string `json:"stages"`
	Report string `json:"report"` // a ReportSpec
}

func (f *reportFn) CreateAccumulator() (*funnel.Analyzer, error) { return newAnalyzer(f.Stages) }

func (f *reportFn) AddInput(a *funnel.Analyzer, shard []byte) (*funnel.Analyzer, error) {
	var b funnel.Analyzer
	if err := b.UnmarshalBinary(shard); err != nil {
		return nil, err
	}
	return a, a.Merge(&b)
}

func (f *reportFn) MergeAccumulators(a, b *funnel.Analyzer) (*funnel.Analyzer, error) {
	return a, a.Merge(b)
}

func (f *reportFn) ExtractOutput(a *funnel.Analyzer) (string, error) {
	var spec ReportSpec
	if err := json.Unmarshal([]byte(f.Report), &spec); err != nil {
		return "", err
	}
	return reportJSON(a, spec)
}

// reportJSON returns the report of a as indented JSON, as both the
// pipeline and the single-process program write it.
func reportJSON(a *funnel.Analyzer, spec ReportSpec) (string, error) {
	o, err := spec.options()
	if err != nil {
		return "", err
	}
	r, err := a.Report(o)
	if err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	return string(b) + "\n", nil
}
