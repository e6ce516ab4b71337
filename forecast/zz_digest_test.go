package forecast_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

func TestZZDigest(t *testing.T) {
	h := sha256.New()
	for _, n := range []int{1000, 1_000_000} {
		p, _ := forecast.NewPipeline(forecast.B2B(), 2, nil)
		for _, d := range genDeals(n, uint64(n)) {
			if err := p.Add(d); err != nil {
				fmt.Fprintln(h, err)
			}
		}
		fmt.Fprintf(h, "%+v\n", p.Report(nil))
		b, _ := p.MarshalBinary()
		h.Write(b)
	}
	os.WriteFile(os.Getenv("DIGEST_OUT"), []byte(fmt.Sprintf("%x\n", h.Sum(nil))), 0o644)
}
