package risk

import (
	"embed"
	"encoding/json"
)

// The preset matrices are data: JSON files embedded in the package, decoded
// into a [MatrixSpec] and built on every call. A CRM that wants its own
// variant takes a preset's [Matrix.Spec], changes it and builds it again.
//
//go:embed presets/*.json
var presetFiles embed.FS

// preset decodes and builds an embedded matrix. The files are part of the
// package and tested, so a failure is a bug in the package, not in the
// caller's data, and panics.
func preset(file string) *Matrix {
	data, err := presetFiles.ReadFile(file)
	if err != nil {
		panic("risk: preset " + file + ": " + err.Error())
	}
	var s MatrixSpec
	if err := json.Unmarshal(data, &s); err != nil {
		panic("risk: preset " + file + ": " + err.Error())
	}
	m, err := NewMatrix(s)
	if err != nil {
		panic("risk: preset " + file + ": " + err.Error())
	}
	return m
}

// PMBOK returns the 5 × 5 probability and impact matrix in the style of the
// PMBOK Guide (4th edition, Figure 11-10), a fresh value on every call.
//
// Probability levels very_low, low, moderate, high, very_high have values
// 0.1, 0.3, 0.5, 0.7, 0.9 and probability bands from 0, 0.2, 0.4, 0.6, 0.8.
// Impact levels of the same keys have values 0.05, 0.1, 0.2, 0.4, 0.8 (the
// Guide's non-linear scale) and bands for cost overrun from 0, 1%, 10%,
// 20%, 40% and schedule overrun from 0, 1%, 5%, 10%, 20% (the Guide's
// Table 11-1 reads "insignificant, < 10%, 10–20%, 20–40%, > 40%" for cost
// and "insignificant, < 5%, 5–10%, 10–20%, > 20%" for time; saleskit takes
// "insignificant" as below 1%, and a boundary belongs to the band above).
//
// A cell's score is probability × impact rounded half up to two places, as
// in the published table: 0.7 × 0.05 = 0.035 is 0.04. Cells scoring 0.18
// or more are rated high, 0.05 up to 0.18 moderate, below 0.05 low. The
// Guide rates its cells by shading them (high the largest numbers, low the
// smallest) and states no thresholds; these are saleskit's. Labels are in
// English and simplified Chinese.
func PMBOK() *Matrix { return preset("presets/pmbok.json") }

// Simple returns a 3 × 3 matrix rated by an explicit cell table, a fresh
// value on every call. Probability levels low, medium, high have values
// 0.2, 0.5, 0.8 and bands from 0, 0.35, 0.65; impact levels low, medium,
// high have values 1, 2, 3 and bands for cost and schedule overrun from 0,
// 5% and 15%. Scores are rounded half up to one place. The cells, rows by
// probability lowest first:
//
//	low:    low     low     medium
//	medium: low     medium  high
//	high:   medium  high    high
func Simple() *Matrix { return preset("presets/simple.json") }
