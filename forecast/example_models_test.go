package forecast_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/forecast"
)

// Simple exponential smoothing with its parameter and initial level given,
// so every number can be checked by hand.
func ExampleSES() {
	fit, err := forecast.SES([]float64{110, 100, 120}, &forecast.SmoothingOptions{
		Params:  &forecast.Params{Alpha: 0.5},
		Initial: &forecast.States{Level: 100},
	})
	if err != nil {
		panic(err)
	}
	p, err := fit.Forecast(2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("fitted", fit.Fitted, "SSE", fit.SSE)
	fmt.Println("levels", fit.Level)
	fmt.Printf("next two: %.2f %.2f\n", p.Point[0], p.Point[1])
	// Each fitted value is the level before the observation; the level
	// becomes 0.5·y + 0.5·level: 105, 102.5, 111.25. SSE = 10² + 5² + 17.5².

	// Output:
	// fitted [100 105 102.5] SSE 431.25
	// levels [105 102.5 111.25]
	// next two: 111.25 111.25
}

// Holt's linear trend with its parameters and initial states given: a
// level of 100 growing by 10 a month.
func ExampleHolt() {
	fit, err := forecast.Holt([]float64{112, 118, 131}, &forecast.SmoothingOptions{
		Params:  &forecast.Params{Alpha: 0.8, Beta: 0.2},
		Initial: &forecast.States{Level: 100, Trend: 10},
	})
	if err != nil {
		panic(err)
	}
	p, err := fit.Forecast(2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("fitted %.4f\n", fit.Fitted)
	fmt.Printf("level %.4f, trend %.4f\n", fit.Level[2], fit.Trend[2])
	fmt.Printf("next two: %.4f %.4f\n", p.Point[0], p.Point[1])
	// The first fitted value is 100 + 10. The level becomes
	// 0.8·112 + 0.2·110 = 111.6 and the trend 0.2·(111.6 − 100) + 0.8·10 =
	// 10.32, so the second is 121.92; and so on.

	// Output:
	// fitted [110.0000 121.9200 128.4768]
	// level 130.4954, trend 10.0965
	// next two: 140.5919 150.6884
}

// A straight line through five months of bookings.
func ExampleLinearTrend() {
	fit, err := forecast.LinearTrend([]float64{10, 12, 15, 17, 21})
	if err != nil {
		panic(err)
	}
	p, err := fit.Forecast(2, nil)
	if err != nil {
		panic(err)
	}
	l := fit.Linear
	fmt.Printf("ŷ = %.2f + %.2f·t, R² %.3f\n", l.Intercept, l.Slope, l.RSquared)
	fmt.Printf("next two: %.2f %.2f\n", p.Point[0], p.Point[1])
	// ŷ = 9.60 + 2.70·t, R² 0.985
	// next two: 23.10 25.80̄ = 2, ȳ = 15, Sxy = 27, Sxx = 10: slope 2.7, intercept 15 − 2·2.7.

	// Output:
	// ŷ = 9.60 + 2.70·t, R² 0.985
	// next two: 23.10 25.80
}

// A model is data: a CRM stores the one a user picked and fits it again
// when new bookings come in.
func ExampleModel_Fit() {
	var m forecast.Model
	if err := json.Unmarshal([]byte(`{"method": "holt", "damped": true}`), &m); err != nil {
		panic(err)
	}
	fit, err := m.Fit([]float64{10, 12, 15, 17, 21, 22, 25, 27, 30, 31, 34, 36})
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Name(), fit.Model.Name())
	p, err := fit.Forecast(3, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.1f\n", p.Point)
	// Output:
	// holt_damped holt_damped
	// [38.0 40.1 42.0]
}

// Periods of an April fiscal year, as a CRM's reports label them.
func ExamplePeriodOf() {
	d := forecast.MustDate("2025-05-20")
	for _, g := range []forecast.Grain{forecast.Month, forecast.Quarter, forecast.Year} {
		p := forecast.PeriodOf(d, g, time.April)
		fmt.Println(g, p.Start, p.End, p.Contains(d))
	}
	// Output:
	// month 2025-05-01 2025-06-01 true
	// quarter 2025-04-01 2025-07-01 true
	// year 2025-04-01 2026-04-01 true
}

// A three-month moving average: a flat forecast, with no prediction
// interval.
func ExampleMovingAverage() {
	fit, err := forecast.MovingAverage([]float64{90, 110, 100, 120, 130}, 3)
	if err != nil {
		panic(err)
	}
	p, err := fit.Forecast(2, &forecast.ForecastOptions{Level: 0.8})
	if err != nil {
		panic(err)
	}
	fmt.Printf("fitted from index %d: %.2f; next two: %.2f\n", fit.Offset, fit.Fitted, p.Point)
	fmt.Println(p.Reasons[0])
	// (90 + 110 + 100) / 3 = 100 predicts the fourth observation (index 3),
	// and (100 + 120 + 130) / 3 = 116.67 every month ahead.

	// Output:
	// fitted from index 3: [100.00 110.00]; next two: [116.67 116.67]
	// moving_average_3 defines no prediction intervals
}
