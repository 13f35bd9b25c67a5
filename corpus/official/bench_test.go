package official

import (
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// BenchmarkLoadShipped measures what the first profile costs a command:
// parsing every embedded file and joining it into profiles.
func BenchmarkLoadShipped(b *testing.B) {
	ingest.Councils() // the gazetteer is loaded once per process anyway
	start := cpuTime()
	for b.Loop() {
		if _, err := load("", openShipped); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkLookup measures a name lookup on a loaded release.
func BenchmarkLookup(b *testing.B) {
	d := Shipped()
	for b.Loop() {
		if _, err := d.Lookup("Kent County Council"); err != nil {
			b.Fatal(err)
		}
	}
}
