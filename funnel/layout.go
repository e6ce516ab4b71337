package funnel

// layout is the shape of a stage list that replays need: where each stage
// sits on the path and which stages are lost.
type layout struct {
	pos   []int // path position of each stage in list order; -1 for lost
	path  []int // stage list index of each path position
	won   int   // path position of the won stage (= number of open stages)
	lost  []int // stage list indices of the lost stages
	lostN []int // ordinal among lost stages of each stage; -1 for others
}

func newLayout(s Stages) *layout {
	l := &layout{pos: make([]int, len(s)), lostN: make([]int, len(s))}
	for i, st := range s {
		l.pos[i], l.lostN[i] = -1, -1
		if st.Outcome == Open {
			l.pos[i] = len(l.path)
			l.path = append(l.path, i)
		}
	}
	for i, st := range s {
		switch st.Outcome {
		case Won:
			l.won = len(l.path)
			l.pos[i] = l.won
			l.path = append(l.path, i)
		case Lost:
			l.lostN[i] = len(l.lost)
			l.lost = append(l.lost, i)
		}
	}
	return l
}
