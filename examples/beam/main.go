// Command beam runs saleskit aggregates on Apache Beam: the same code on
// one laptop (the in-process Prism runner) or on a cluster (Dataflow,
// Flink, Spark).
//
// The funnel pipeline reads stage-change events from a CSV file (columns
// deal,stage,time,amount,owner,source; times in RFC 3339), aggregates them
// in shards of funnel.Analyzer accumulators, and writes the by-stage and
// by-owner report as JSON:
//
//	go run ./examples/beam -generate 100000 -output events.csv
//	go run ./examples/beam -runner=prism -input events.csv -output report.json
//
// The commission pipeline reads transactions (incentive.Transaction JSON,
// one a line) and a plan, and writes every rep's statement for the period
// containing -day and the period's ranking:
//
//	go run ./examples/beam -pipeline commission -generate 100000 -plan plan.json -output txs.jsonl
//	go run ./examples/beam -runner=prism -pipeline commission -plan plan.json -day 2025-04-01 -input txs.jsonl -output statements.json
//
// -single runs the same job in this process without Beam, for comparison.
// Beam's own flags (-runner, -project, -region, -endpoint, ...) choose and
// configure the runner; see README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
)

var (
	pipeline  = flag.String("pipeline", "funnel", "the job: funnel or commission")
	input     = flag.String("input", "", "the events CSV (funnel) or transactions JSON lines (commission)")
	output    = flag.String("output", "", "where to write the result (or the generated data)")
	stages    = flag.String("stages", "", "funnel: a stage list as JSON; the B2B preset when empty")
	by        = flag.String("by", "owner", "funnel: segment the report by owner, source, or nothing (\"\")")
	asOf      = flag.String("asof", "", "funnel: report as of this RFC 3339 instant; every event when empty")
	shards    = flag.Int("shards", 16, "funnel: deal-id hash shards, one analyzer each")
	batch     = flag.Int("batch", 4096, "lines an element carries")
	chunkSize = flag.Int64("chunk", 8<<20, "bytes of the input a worker reads at a time")
	plan      = flag.String("plan", "", "commission: the plan as JSON (built-in rule types)")
	day       = flag.String("day", "2025-04-01", "commission: a date in the period to compute")
	rank      = flag.String("rank", "payout", "commission: rank by payout, earned, credit or attainment")
	single    = flag.Bool("single", false, "run in this process without Beam")
	generate  = flag.Int("generate", 0, "write this many generated deals to -output (and the sample plan to -plan) and exit")
)

func main() {
	flag.Parse()
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *output == "" {
		return errors.New("-output is required")
	}
	if *generate > 0 {
		return generateData(*pipeline, *generate, *output, *plan)
	}
	if *input == "" {
		return errors.New("-input is required")
	}
	start := time.Now()
	var err error
	switch *pipeline {
	case "funnel":
		err = runFunnel(ctx)
	case "commission":
		err = runCommission(ctx)
	default:
		err = fmt.Errorf("-pipeline %q: want funnel or commission", *pipeline)
	}
	if err == nil {
		fmt.Fprintf(os.Stderr, "beam: %s done in %.2fs\n", *pipeline, time.Since(start).Seconds())
	}
	return err
}

func runFunnel(ctx context.Context) error {
	list := funnel.B2B()
	if *stages != "" {
		b, err := os.ReadFile(*stages)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("-stages: %w", err)
		}
	}
	spec := ReportSpec{By: *by}
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339Nano, *asOf)
		if err != nil {
			return fmt.Errorf("-asof: %w", err)
		}
		spec.Options.AsOf = t
	}
	if _, err := spec.options(); err != nil {
		return err
	}
	if *single {
		return singleRun(func(r io.Reader) (string, error) { return singleFunnel(r, list, spec, *batch) })
	}
	p, s := beam.NewPipelineWithRoot()
	out := funnelPipeline(s, funnelConfig{Input: *input, Stages: list, Report: spec, Shards: *shards, Batch: *batch, Chunk: *chunkSize})
	writeText(s, *output, out)
	return beamx.Run(ctx, p)
}

func runCommission(ctx context.Context) error {
	if *plan == "" {
		return errors.New("-plan is required")
	}
	planJSON, err := os.ReadFile(*plan)
	if err != nil {
		return err
	}
	if _, err := incentive.DecodePlan(planJSON, nil); err != nil {
		return fmt.Errorf("-plan: %w", err)
	}
	var rankBy incentive.RankBy
	if err := rankBy.UnmarshalText([]byte(*rank)); err != nil {
		return fmt.Errorf("-rank: %w", err)
	}
	if _, err := incentive.ParseDate(*day); err != nil {
		return fmt.Errorf("-day: %w", err)
	}
	if *single {
		return singleRun(func(r io.Reader) (string, error) { return singleCommission(r, planJSON, *day, rankBy) })
	}
	p, s := beam.NewPipelineWithRoot()
	out := commissionPipeline(s, commissionConfig{Transactions: *input, Plan: string(planJSON), Day: *day, By: rankBy, Batch: *batch, Chunk: *chunkSize})
	writeText(s, *output, out)
	return beamx.Run(ctx, p)
}

// singleRun reads -input with job and writes what it returns to -output.
func singleRun(job func(io.Reader) (string, error)) error {
	f, err := os.Open(*input)
	if err != nil {
		return err
	}
	defer f.Close()
	out, err := job(f)
	if err != nil {
		return err
	}
	return os.WriteFile(*output, []byte(out), 0o644)
}

// generateData writes n generated deals of the pipeline's kind to path,
// and for the commission pipeline the sample plan to planPath.
func generateData(pipeline string, n int, path, planPath string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	switch pipeline {
	case "funnel":
		err = writeEvents(f, n, 1)
	case "commission":
		if planPath == "" {
			err = errors.New("-plan is required: where to write the sample plan")
			break
		}
		if err = os.WriteFile(planPath, samplePlan(), 0o644); err == nil {
			err = writeTransactions(f, n, 1)
		}
	default:
		err = fmt.Errorf("-pipeline %q: want funnel or commission", pipeline)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
