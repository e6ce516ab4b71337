package target

// Metric is what a goal measures. The zero value is MetricInvalid, which
// has no name: a draft goal without a metric still saves (the field is
// omitted from JSON), and Check reports it.
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

var metricNames = enumNames{"", "revenue", "deal_count", "new_customers", "conversion_rate",
	"market_share", "customer_satisfaction", "retention_rate", "custom"}

// IsValid reports whether m is one of the defined metrics.
func (m Metric) IsValid() bool { return metricNames.valid(int(m)) }

// String returns the wire name of m, such as "revenue", or "Metric(n)" for
// a value without one.
func (m Metric) String() string { return metricNames.str("Metric", int(m)) }

// MarshalText encodes m as its name; a value without one is a *FieldError
// wrapping ErrUnknownName.
func (m Metric) MarshalText() ([]byte, error) { return metricNames.text("metric", "Metric", int(m)) }

// UnmarshalText decodes a metric name; any other text, "" included, is a
// *FieldError wrapping ErrUnknownName.
func (m *Metric) UnmarshalText(b []byte) error {
	v, err := metricNames.parse("metric", b)
	if err == nil {
		*m = Metric(v)
	}
	return err
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
// AggregationUnknown, which has no name: a goal field holding it is omitted
// from JSON.
type Aggregation int

// The aggregations.
const (
	AggregationUnknown Aggregation = iota
	Additive                       // money and counts: parts add up to the whole
	Ratio                          // rates, shares, scores: never split or summed
)

var aggregationNames = enumNames{"", "additive", "ratio"}

// String returns "additive" or "ratio", or "Aggregation(n)" for a value
// without a name, AggregationUnknown included.
func (a Aggregation) String() string { return aggregationNames.str("Aggregation", int(a)) }

// MarshalText encodes a as its name; a value without one, AggregationUnknown
// included, is a *FieldError wrapping ErrUnknownName.
func (a Aggregation) MarshalText() ([]byte, error) {
	return aggregationNames.text("aggregation", "Aggregation", int(a))
}

// UnmarshalText decodes "additive" or "ratio"; any other text, "" included,
// is a *FieldError wrapping ErrUnknownName.
func (a *Aggregation) UnmarshalText(b []byte) error {
	v, err := aggregationNames.parse("aggregation", b)
	if err == nil {
		*a = Aggregation(v)
	}
	return err
}

// Direction says whether a higher or a lower value of the metric is better.
// The zero value is HigherIsBetter.
type Direction int

// The directions.
const (
	HigherIsBetter Direction = iota // revenue, deals, satisfaction
	LowerIsBetter                   // cost of sale, churn, days to close
)

var directionNames = enumNames{"higher", "lower"}

// String returns "higher" or "lower", or "Direction(n)" for another value.
func (d Direction) String() string { return directionNames.str("Direction", int(d)) }

// MarshalText encodes d as "higher" or "lower"; another value is a
// *FieldError wrapping ErrUnknownName.
func (d Direction) MarshalText() ([]byte, error) {
	return directionNames.text("direction", "Direction", int(d))
}

// UnmarshalText decodes "higher" or "lower"; any other text is a
// *FieldError wrapping ErrUnknownName.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := directionNames.parse("direction", b)
	if err == nil {
		*d = Direction(v)
	}
	return err
}
