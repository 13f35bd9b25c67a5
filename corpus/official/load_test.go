package official_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// writeFile writes a file under dir, failing the test on error.
func writeFile(tb testing.TB, dir, name, text string) {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// shippedText is a shipped data file's text.
func shippedText(tb testing.TB, name string) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("data", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func TestLoadNewerWorkforceFile(t *testing.T) {
	// A 2026 release: the shipped file with Medway's 2025 row repeated as
	// 2026, its caseload changed.
	text := shippedText(t, "csww_indicators_2017_to_2025.csv")
	var medway2025 string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "2025,") && strings.Contains(line, ",887,E06000035,Medway,") {
			medway2025 = line
		}
	}
	if medway2025 == "" {
		t.Fatal("no Medway 2025 row")
	}
	cols := strings.Split(medway2025, ",")
	cols[0] = "2026"
	cols[29] = "14.2" // caseload_fte
	dir := t.TempDir()
	writeFile(t, dir, "csww_indicators_2017_to_2026.csv", text+strings.Join(cols, ",")+"\n")

	d, err := official.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := d.Lookup("Medway")
	if err != nil {
		t.Fatal(err)
	}
	latest := official.Latest(p.Workforce)
	if latest.Year != 2026 || latest.AsAt != "2026-09-30" || *latest.Caseload != 14.2 {
		t.Errorf("latest %+v, want 2026 with caseload 14.2", latest)
	}
	wf, _ := p.Release.Source("workforce")
	if wf.File != "csww_indicators_2017_to_2026.csv" || wf.Shipped || !strings.Contains(wf.Title, "2026") || p.Release.Dir != dir {
		t.Errorf("release names %+v in %q", wf, p.Release.Dir)
	}
	if of, _ := p.Release.Source("ofsted"); !of.Shipped {
		t.Errorf("ofsted %+v, want the shipped file", of)
	}
	// The shipped release is untouched.
	if official.Latest(mustLookup(t, "Medway").Workforce).Year != 2025 {
		t.Error("Load changed the shipped profiles")
	}
}

func TestLoadReportsAChangedFormat(t *testing.T) {
	for _, tt := range []struct {
		name, file, from, to, column string
	}{
		{"renamed workforce column", "csww_indicators_2017_to_2025.csv", ",caseload_fte,", ",caseload_per_fte,", "caseload_fte"},
		{"renamed Ofsted column", "ofsted_judgements_as_at_2025-03-31.csv", "Local authority area code", "LA code", "Local authority area code"},
		{"renamed neighbour column", "sn_model_2025_wide.csv", ",SN_3P,", ",SN_3_band,", "SN_3P"},
		{"text in a figure", "csww_indicators_2017_to_2025.csv", ",15.2,322786.3,", ",fifteen,322786.3,", "caseload_fte"},
		{"a date in another form", "ofsted_ilacs_history_2018_2025.csv", "18/02/2019", "2019-02-18", "Inspection date"},
		// Found only once every file is read, as neighbours are resolved.
		{"a neighbour no council", "sn_model_2025_wide.csv", "Barking and Dagenham,3,London,308,", "Barking and Dagenham,3,London,998,", "SN_1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := shippedText(t, tt.file)
			if !strings.Contains(text, tt.from) {
				t.Fatalf("%s has no %q", tt.file, tt.from)
			}
			dir := t.TempDir()
			writeFile(t, dir, tt.file, strings.Replace(text, tt.from, tt.to, 1))
			_, err := official.Load(dir)
			var fe *official.FormatError
			if !errors.As(err, &fe) || !errors.Is(err, official.ErrFormat) {
				t.Fatalf("Load: %v, want a FormatError", err)
			}
			path := filepath.Join(dir, tt.file)
			if fe.File != path || fe.Column != tt.column || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.column) {
				t.Errorf("error %q names file %q, column %q; want %q, %q", err, fe.File, fe.Column, path, tt.column)
			}
		})
	}
}

func TestLoadRefusesAnUnusableDirectory(t *testing.T) {
	empty := t.TempDir()
	if _, err := official.Load(empty); err == nil || !strings.Contains(err.Error(), "no official files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := official.Load(filepath.Join(empty, "missing")); err == nil {
		t.Error("a missing directory loaded")
	}
	two := t.TempDir()
	writeFile(t, two, "sn_model_2025_wide.csv", shippedText(t, "sn_model_2025_wide.csv"))
	writeFile(t, two, "sn_model_2026_wide.csv", shippedText(t, "sn_model_2025_wide.csv"))
	if _, err := official.Load(two); err == nil || !strings.Contains(err.Error(), "sn_model_2026_wide.csv") {
		t.Errorf("two neighbour files: %v", err)
	}
	unknown := t.TempDir()
	writeFile(t, unknown, "ofsted_judgements_as_at_2026-03-31.csv",
		strings.Replace(shippedText(t, "ofsted_judgements_as_at_2025-03-31.csv"), "E06000035", "E06000099", 1))
	if _, err := official.Load(unknown); err == nil || !strings.Contains(err.Error(), "E06000099") {
		t.Errorf("an unknown ONS code: %v", err)
	}
}
