package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
)

// singleFunnel is the single-process program the pipeline is measured
// against: it reads the same events file with one analyzer and returns the
// same report JSON.
func singleFunnel(r io.Reader, stages funnel.Stages, spec ReportSpec, batch int) (string, error) {
	a, err := funnel.NewAnalyzer(stages, &funnel.Options{OnUnknown: funnel.Skip})
	if err != nil {
		return "", err
	}
	var addErr error
	err = batchLines(bufio.NewReaderSize(r, 1<<20), batch, func(lines string) {
		if addErr == nil {
			addErr = addLines(a, lines)
		}
	})
	if err != nil {
		return "", err
	}
	if addErr != nil {
		return "", addErr
	}
	return reportJSON(a, spec)
}

// singleCommission is the single-process commission run: one
// incentive.Compute over every transaction of the file, and the ranking.
func singleCommission(r io.Reader, plan []byte, day string, by incentive.RankBy) (string, error) {
	def, err := incentive.DecodePlan(plan, nil)
	if err != nil {
		return "", err
	}
	d, err := incentive.ParseDate(day)
	if err != nil {
		return "", err
	}
	var txs []incentive.Transaction
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var tx incentive.Transaction
		if err := json.Unmarshal(sc.Bytes(), &tx); err != nil {
			return "", fmt.Errorf("transaction %q: %w", sc.Text(), err)
		}
		txs = append(txs, tx)
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	stmts, err := incentive.Compute(def, d, txs, nil)
	if err != nil {
		return "", err
	}
	return commissionJSON(stmts, by)
}
