package funnel

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"
)

// CallOutcome is how far one telesales call got. Each outcome implies the
// ones before it in the funnel: an appointment was a conversation, a
// conversation was connected. The zero value is invalid, so a record whose
// outcome was never set is an error rather than a silent "no answer".
type CallOutcome int

// The call outcomes.
const (
	// CallNoAnswer is a dial nobody answered.
	CallNoAnswer CallOutcome = iota + 1
	// CallBusy is a dial that met a busy line.
	CallBusy
	// CallConnected is a call answered that went no further.
	CallConnected
	// CallConversation is a call that became a real conversation with the
	// prospect.
	CallConversation
	// CallAppointment is a call that booked an appointment.
	CallAppointment
	// CallDeal is a call that closed a deal.
	CallDeal
)

var callOutcomeNames = enumNames{"", "no_answer", "busy", "connected", "conversation", "appointment", "deal"}

// callOutcomeLabels are the call outcomes' names for people.
var callOutcomeLabels = [][2]string{{}, {"No answer", "未接听"}, {"Busy", "占线"}, {"Connected", "已接通"},
	{"Conversation", "有效通话"}, {"Appointment", "已预约"}, {"Deal", "成交"}}

// Label returns the outcome's name for people in lang ("No answer",
// "未接听"), chosen as [Labels.Get] chooses; a value without a name gives
// its String.
func (o CallOutcome) Label(lang string) string {
	return callOutcomeNames.label("CallOutcome", int(o), callOutcomeLabels, lang)
}

// String returns the outcome's name, e.g. "no_answer" or "deal", or
// "CallOutcome(n)" for a value without one, the invalid zero included.
func (c CallOutcome) String() string { return callOutcomeNames.str("CallOutcome", int(c)) }

// MarshalText returns the outcome's name; a value without one, the invalid
// zero included, is a [*FieldError] wrapping [ErrUnknownName].
func (c CallOutcome) MarshalText() ([]byte, error) {
	return callOutcomeNames.text("outcome", "CallOutcome", int(c))
}

// UnmarshalText parses "no_answer", "busy", "connected", "conversation",
// "appointment" or "deal"; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (c *CallOutcome) UnmarshalText(text []byte) error {
	v, err := callOutcomeNames.parse("outcome", text)
	if err == nil {
		*c = CallOutcome(v)
	}
	return err
}

// Call is one telesales call record: who dialled, when, how far it got, and
// how long it lasted. The zero Call is invalid.
//
// In JSON the duration is a number of seconds under "duration_seconds".
type Call struct {
	Agent    string        `json:"agent"`
	Time     time.Time     `json:"time"`
	Outcome  CallOutcome   `json:"outcome,omitempty"`
	Duration time.Duration `json:"duration_seconds"`
}

// MarshalJSON writes c with its duration in seconds.
func (c Call) MarshalJSON() ([]byte, error) {
	type plain Call
	return json.Marshal(struct {
		plain
		Duration seconds `json:"duration_seconds"`
	}{plain(c), seconds(c.Duration)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (c *Call) UnmarshalJSON(b []byte) error {
	type plain Call
	v := struct {
		*plain
		Duration seconds `json:"duration_seconds"`
	}{plain: (*plain)(c), Duration: seconds(c.Duration)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	c.Duration = time.Duration(v.Duration)
	return nil
}

// CallOptions configures [Calls]. The zero value (or nil) buckets hours in
// UTC.
type CallOptions struct {
	// Location is the time zone of the hour-of-day buckets; nil means UTC.
	Location *time.Location `json:"-"`
}

// CallStats is the call funnel of a set of calls. Every call is a dial;
// Connected counts calls that got at least as far as connected, and so on.
// The rates are step to step:
//
//	ConnectRate      = Connected ÷ Dials
//	ConversationRate = Conversations ÷ Connected
//	AppointmentRate  = Appointments ÷ Conversations
//	DealRate         = Deals ÷ Appointments
//	DealsPer100Dials = 100 × Deals ÷ Dials (0 with no dials)
//
// Talk is the total duration of all calls, saturating at the largest
// [time.Duration].
type CallStats struct {
	Dials         int `json:"dials"`
	Connected     int `json:"connected"`
	Conversations int `json:"conversations"`
	Appointments  int `json:"appointments"`
	Deals         int `json:"deals"`

	ConnectRate      Rate          `json:"connect_rate"`
	ConversationRate Rate          `json:"conversation_rate"`
	AppointmentRate  Rate          `json:"appointment_rate"`
	DealRate         Rate          `json:"deal_rate"`
	DealsPer100Dials float64       `json:"deals_per_100_dials"`
	Talk             time.Duration `json:"talk_seconds"`
}

// MarshalJSON writes s with its talk time in seconds.
func (s CallStats) MarshalJSON() ([]byte, error) {
	type plain CallStats
	return json.Marshal(struct {
		plain
		Talk seconds `json:"talk_seconds"`
	}{plain(s), seconds(s.Talk)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *CallStats) UnmarshalJSON(b []byte) error {
	type plain CallStats
	v := struct {
		*plain
		Talk seconds `json:"talk_seconds"`
	}{plain: (*plain)(s), Talk: seconds(s.Talk)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	s.Talk = time.Duration(v.Talk)
	return nil
}

// AgentCalls is one agent's call funnel.
type AgentCalls struct {
	Agent string    `json:"agent"`
	Stats CallStats `json:"stats"`
}

// CallReport is the call funnel overall, per agent (sorted by agent) and per
// hour of the day (index 0 is 00:00–00:59).
type CallReport struct {
	Total  CallStats     `json:"total"`
	Agents []AgentCalls  `json:"agents"`
	Hours  [24]CallStats `json:"hours"`
}

type callCount struct {
	n    [7]int // calls per outcome
	talk time.Duration
}

func (c *callCount) add(call Call) {
	c.n[call.Outcome]++
	if call.Duration > math.MaxInt64-c.talk {
		c.talk = math.MaxInt64
	} else {
		c.talk += call.Duration
	}
}

func (c *callCount) stats() CallStats {
	atLeast := func(o CallOutcome) int {
		s := 0
		for i := int(o); i < len(c.n); i++ {
			s += c.n[i]
		}
		return s
	}
	s := CallStats{
		Dials:         atLeast(CallNoAnswer),
		Connected:     atLeast(CallConnected),
		Conversations: atLeast(CallConversation),
		Appointments:  atLeast(CallAppointment),
		Deals:         atLeast(CallDeal),
		Talk:          c.talk,
	}
	s.ConnectRate = Wilson(s.Connected, s.Dials)
	s.ConversationRate = Wilson(s.Conversations, s.Connected)
	s.AppointmentRate = Wilson(s.Appointments, s.Conversations)
	s.DealRate = Wilson(s.Deals, s.Appointments)
	if s.Dials > 0 {
		s.DealsPer100Dials = 100 * float64(s.Deals) / float64(s.Dials)
	}
	return s
}

// Calls reports the call funnel of the call records. It returns a
// [*FieldError] naming the record and field for an empty agent
// ([ErrEmptyAgent]), a zero time ([ErrTime]), an undefined outcome
// ([ErrOutcome]) or a negative duration ([ErrDuration]).
func Calls(calls iter.Seq[Call], opts *CallOptions) (CallReport, error) {
	loc := time.UTC
	if opts != nil && opts.Location != nil {
		loc = opts.Location
	}
	var total callCount
	var hours [24]callCount
	agents := make(map[string]*callCount)
	i := 0
	for c := range calls {
		at := "calls[" + strconv.Itoa(i) + "]"
		switch {
		case c.Agent == "":
			return CallReport{}, fieldErr(at+".agent", "", ErrEmptyAgent)
		case c.Time.IsZero():
			return CallReport{}, fieldErr(at+".time", "", fmt.Errorf("%w: the time is zero", ErrTime))
		case !callOutcomeNames.valid(int(c.Outcome)):
			return CallReport{}, fieldErr(at+".outcome", c.Outcome.String(), ErrOutcome)
		case c.Duration < 0:
			return CallReport{}, fieldErr(at+".duration_seconds", string(appendSeconds(nil, c.Duration)), ErrDuration)
		}
		total.add(c)
		hours[c.Time.In(loc).Hour()].add(c)
		ag := agents[c.Agent]
		if ag == nil {
			ag = new(callCount)
			agents[c.Agent] = ag
		}
		ag.add(c)
		i++
	}
	r := CallReport{Total: total.stats(), Agents: make([]AgentCalls, 0, len(agents))}
	for h := range hours {
		r.Hours[h] = hours[h].stats()
	}
	for name, c := range agents {
		r.Agents = append(r.Agents, AgentCalls{Agent: name, Stats: c.stats()})
	}
	slices.SortFunc(r.Agents, func(x, y AgentCalls) int { return cmp.Compare(x.Agent, y.Agent) })
	return r, nil
}
