package corpus

import (
	"strings"
	"testing"
)

func TestFilesHoldsTheFiveSeeds(t *testing.T) {
	files := Files()
	if len(files) != 5 {
		t.Fatalf("embedded corpus has %d files, want the 5 seed articles", len(files))
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".txt") || len(f.Data) < 1000 {
			t.Errorf("%s: %d bytes; want a seed article of at least 1000 bytes", f.Name, len(f.Data))
		}
	}
	if !strings.Contains(string(files[0].Data), "Amy Gordon") {
		t.Errorf("first seed should be the Kent interview with Amy Gordon")
	}
}
