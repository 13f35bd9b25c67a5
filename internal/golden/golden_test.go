package golden

import (
	"path/filepath"
	"testing"
)

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestJSONRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "v.json")
	v := map[string]int{"a": 1}
	JSON(t, path, v, true)
	r := &recorder{TB: t}
	JSON(r, path, v, false)
	if r.failed {
		t.Error("the value just written does not match its file")
	}
	JSON(r, path, map[string]int{"a": 2}, false)
	if !r.failed {
		t.Error("a changed value matched the old file")
	}
}
