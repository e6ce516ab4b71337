package target

// Grain is the length of the periods SplitTime produces. The zero value is
// GrainInvalid, which has no name.
type Grain int

// The grains.
const (
	GrainInvalid Grain = iota
	Quarter            // fiscal quarters; see SplitOptions.FiscalYearStart
	Month              // calendar months
	Week               // ISO 8601 weeks, Monday to Sunday
	Day                // calendar days
)

var grainNames = enumNames{"", "quarter", "month", "week", "day"}

// String returns "quarter", "month", "week" or "day", or "Grain(n)" for a
// value without a name.
func (g Grain) String() string { return grainNames.str("Grain", int(g)) }

// MarshalText encodes g as its name; a value without one is a *FieldError
// wrapping ErrUnknownName.
func (g Grain) MarshalText() ([]byte, error) { return grainNames.text("grain", "Grain", int(g)) }

// UnmarshalText decodes a grain name; any other text, "" included, is a
// *FieldError wrapping ErrUnknownName.
func (g *Grain) UnmarshalText(b []byte) error {
	v, err := grainNames.parse("grain", b)
	if err == nil {
		*g = Grain(v)
	}
	return err
}

// Weighting says how SplitTime weighs the periods. The zero value is Even.
type Weighting int

// The weightings.
const (
	// Even gives every period the same weight, clipped periods included.
	Even Weighting = iota
	// CalendarDays weighs a period by its number of calendar dates.
	CalendarDays
	// WorkingDays weighs a period by its working days under the Calendar.
	WorkingDays
	// Seasonal weighs a period by seasonal shares of the months it covers:
	// SplitOptions.Weights holds 12 shares, one per month of the fiscal
	// year, such as last year's monthly actuals. A period covering part of
	// a month gets that month's share pro rata by calendar dates.
	Seasonal
	// Explicit takes SplitOptions.Weights as one weight per period.
	Explicit
)

var weightingNames = enumNames{"even", "calendar_days", "working_days", "seasonal", "explicit"}

// String returns the weighting's wire name, such as "working_days", or
// "Weighting(n)" for another value.
func (w Weighting) String() string { return weightingNames.str("Weighting", int(w)) }

// MarshalText encodes w as its name; another value is a *FieldError
// wrapping ErrUnknownName.
func (w Weighting) MarshalText() ([]byte, error) {
	return weightingNames.text("weighting", "Weighting", int(w))
}

// UnmarshalText decodes a weighting name; any other text is a *FieldError
// wrapping ErrUnknownName.
func (w *Weighting) UnmarshalText(b []byte) error {
	v, err := weightingNames.parse("weighting", b)
	if err == nil {
		*w = Weighting(v)
	}
	return err
}
