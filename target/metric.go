package target

import (
	"fmt"
)

// Metric is what a goal measures. The zero value is MetricInvalid.
//
// Metrics are either additive (money and counts: they may be split across
// periods and units and summed back) or ratios (rates, shares and scores:
// they are never split or summed). See [Metric.Aggregation].
type Metric int

// The metrics. Ratio metrics are held as fractions: a conversion-rate target
// of 25% is 0.25.
const (
	MetricInvalid              Metric = iota
	MetricRevenue                     // money booked or recognised; additive
	MetricDealCount                   // deals won; additive
	MetricNewCustomers                // new customers won; additive
	MetricConversionRate              // converted ÷ entered; ratio, see ConversionRate
	MetricMarketShare                 // our sales ÷ market sales; ratio, see MarketShare
	MetricCustomerSatisfaction        // CSAT, share of 4 and 5 answers; ratio, see CSAT
	MetricRetentionRate               // see RetentionRate; ratio
	MetricCustom                      // named by Goal.MetricName; aggregation from Goal.Aggregation
)

var metricNames = [...]string{
	MetricInvalid:              "",
	MetricRevenue:              "revenue",
	MetricDealCount:            "deal_count",
	MetricNewCustomers:         "new_customers",
	MetricConversionRate:       "conversion_rate",
	MetricMarketShare:          "market_share",
	MetricCustomerSatisfaction: "customer_satisfaction",
	MetricRetentionRate:        "retention_rate",
	MetricCustom:               "custom",
}

// IsValid reports whether m is one of the defined metrics.
func (m Metric) IsValid() bool { return m > MetricInvalid && m <= MetricCustom }

// String returns the stable lowercase name of m, such as "revenue", or
// "Metric(n)" for an invalid value.
func (m Metric) String() string {
	if !m.IsValid() {
		return fmt.Sprintf("Metric(%d)", int(m))
	}
	return metricNames[m]
}

// MarshalText encodes m as its name. An invalid metric is an error.
func (m Metric) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, fieldErr("metric", m.String(), ErrInvalid)
	}
	return []byte(metricNames[m]), nil
}

// UnmarshalText decodes a metric name; an unknown name is an error wrapping
// ErrInvalid.
func (m *Metric) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		return fieldErr("metric", `""`, ErrInvalid)
	}
	return unmarshalEnum(m, "metric", metricNames[:], b)
}

// Aggregation says how a built-in metric combines across periods and units.
// MetricCustom and MetricInvalid report AggregationUnknown: a custom metric
// takes its aggregation from the goal.
func (m Metric) Aggregation() Aggregation {
	switch m {
	case MetricRevenue, MetricDealCount, MetricNewCustomers:
		return Additive
	case MetricConversionRate, MetricMarketShare, MetricCustomerSatisfaction, MetricRetentionRate:
		return Ratio
	}
	return AggregationUnknown
}

// Aggregation tells additive metrics from ratio metrics. Only additive ones
// may be split over periods or units and summed back. The zero value is
// AggregationUnknown.
type Aggregation int

// The aggregations.
const (
	AggregationUnknown Aggregation = iota
	Additive                       // money and counts: parts add up to the whole
	Ratio                          // rates, shares, scores: never split or summed
)

var aggregationNames = [...]string{"", "additive", "ratio"}

// String returns "additive", "ratio", or "" for AggregationUnknown.
func (a Aggregation) String() string {
	if a < 0 || int(a) >= len(aggregationNames) {
		return fmt.Sprintf("Aggregation(%d)", int(a))
	}
	return aggregationNames[a]
}

// MarshalText encodes a as its name; AggregationUnknown encodes as "".
func (a Aggregation) MarshalText() ([]byte, error) {
	if a < 0 || int(a) >= len(aggregationNames) {
		return nil, fieldErr("aggregation", a.String(), ErrInvalid)
	}
	return []byte(aggregationNames[a]), nil
}

// UnmarshalText decodes "additive", "ratio" or "" (unknown).
func (a *Aggregation) UnmarshalText(b []byte) error {
	return unmarshalEnum(a, "aggregation", aggregationNames[:], b)
}

// Direction says whether a higher or a lower value of the metric is better.
// The zero value is HigherIsBetter.
type Direction int

// The directions.
const (
	HigherIsBetter Direction = iota // revenue, deals, satisfaction
	LowerIsBetter                   // cost of sale, churn, days to close
)

var directionNames = [...]string{"higher", "lower"}

// String returns "higher" or "lower".
func (d Direction) String() string {
	if d < 0 || int(d) >= len(directionNames) {
		return fmt.Sprintf("Direction(%d)", int(d))
	}
	return directionNames[d]
}

// MarshalText encodes d as "higher" or "lower".
func (d Direction) MarshalText() ([]byte, error) {
	if d < 0 || int(d) >= len(directionNames) {
		return nil, fieldErr("direction", d.String(), ErrInvalid)
	}
	return []byte(directionNames[d]), nil
}

// UnmarshalText decodes "higher" or "lower"; anything else is an error.
func (d *Direction) UnmarshalText(b []byte) error {
	return unmarshalEnum(d, "direction", directionNames[:], b)
}

// unmarshalEnum sets *dst to the index of b in names.
func unmarshalEnum[E ~int](dst *E, field string, names []string, b []byte) error {
	for i, n := range names {
		if n == string(b) {
			*dst = E(i)
			return nil
		}
	}
	return fieldErr(field, fmt.Sprintf("%q", b), ErrInvalid)
}
