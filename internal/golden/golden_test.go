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
	*update = true
	JSON(t, path, v)
	*update = false
	r := &recorder{TB: t}
	JSON(r, path, v)
	if r.failed {
		t.Error("the value just written does not match its file")
	}
	JSON(r, path, map[string]int{"a": 2})
	if !r.failed {
		t.Error("a changed value matched the old file")
	}
}
