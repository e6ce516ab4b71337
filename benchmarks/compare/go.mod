module github.com/saleskit/saleskit/benchmarks/compare

go 1.24

require (
	github.com/looplab/fsm v1.0.3
	github.com/qmuntal/stateless v1.7.2
	github.com/saleskit/saleskit v0.0.0
)

require github.com/shopspring/decimal v1.6.0 // indirect

replace github.com/saleskit/saleskit => ../..
