module github.com/saleskit/saleskit/benchmarks/compare

go 1.24

require (
	github.com/Rhymond/go-money v1.0.15
	github.com/looplab/fsm v1.0.3
	github.com/qmuntal/stateless v1.7.2
	github.com/saleskit/saleskit v0.0.0
	github.com/shopspring/decimal v1.6.0
)

replace github.com/saleskit/saleskit => ../..
