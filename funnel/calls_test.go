package funnel_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/saleskit/saleskit/funnel"
)

func TestCalls(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 3, 3, h, 30, 0, 0, time.UTC) }
	var calls []funnel.Call
	add := func(agent string, h int, o funnel.CallOutcome, n int, d time.Duration) {
		for range n {
			calls = append(calls, funnel.Call{Agent: agent, Time: at(h), Outcome: o, Duration: d})
		}
	}
	add("ann", 9, funnel.CallNoAnswer, 4, 0)
	add("ann", 9, funnel.CallBusy, 1, 0)
	add("ann", 10, funnel.CallConnected, 2, time.Minute)
	add("ann", 10, funnel.CallConversation, 1, 5*time.Minute)
	add("ann", 14, funnel.CallAppointment, 1, 8*time.Minute)
	add("ann", 14, funnel.CallDeal, 1, 12*time.Minute)
	add("bob", 9, funnel.CallNoAnswer, 5, 0)
	r, err := funnel.Calls(slices.Values(calls), nil)
	if err != nil {
		t.Fatal(err)
	}
	ann := r.Agents[0].Stats
	// ann: 10 dials; connected 2 + 1 + 1 + 1 = 5; conversations 3;
	// appointments 2; deals 1; talk 2 + 5 + 8 + 12 = 27 minutes.
	if ann.Dials != 10 || ann.Connected != 5 || ann.Conversations != 3 || ann.Appointments != 2 || ann.Deals != 1 ||
		ann.ConnectRate.Value != 0.5 || ann.DealsPer100Dials != 10 || ann.Talk != 27*time.Minute {
		t.Errorf("ann = %+v", ann)
	}
	if r.Total.Dials != 15 || r.Total.DealsPer100Dials != 100.0/15 || r.Agents[1].Agent != "bob" {
		t.Errorf("total = %+v, agents %v", r.Total, r.Agents)
	}
	// 9:00–9:59: ann's 5 and bob's 5 dials, none connected.
	if h := r.Hours[9]; h.Dials != 10 || h.Connected != 0 || r.Hours[14].Deals != 1 {
		t.Errorf("hours: 9 = %+v, 14 deals %d", h, r.Hours[14].Deals)
	}
	shanghai := time.FixedZone("CST", 8*3600)
	r, _ = funnel.Calls(slices.Values(calls), &funnel.CallOptions{Location: shanghai})
	if r.Hours[17].Dials != 10 {
		t.Errorf("09:30 UTC is 17:30 in Shanghai: hour 17 has %d dials", r.Hours[17].Dials)
	}
	bad := []funnel.Call{{Agent: "ann", Time: at(9), Outcome: funnel.CallDeal, Duration: -time.Second}}
	if _, err := funnel.Calls(slices.Values(bad), nil); !errors.Is(err, funnel.ErrDuration) {
		t.Errorf("negative duration: %v", err)
	}
	bad[0] = funnel.Call{Agent: "ann", Time: at(9)}
	if _, err := funnel.Calls(slices.Values(bad), nil); !errors.Is(err, funnel.ErrOutcome) {
		t.Errorf("zero outcome: %v", err)
	}
}
