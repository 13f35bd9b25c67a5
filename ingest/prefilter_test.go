package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// The parser skips regular expressions on text that cannot match them
// (byte scans, cheap pre-checks). These tests hold each fast path to the
// expression it stands in for, on every line of the seeds and fixtures
// and on hand-made edge cases; the fuzz targets do so on any input.

// referenceLatestYear is what latestYear replaced.
func referenceLatestYear(s string) string {
	latest := ""
	for _, y := range regexp.MustCompile(`\b(?:19[5-9]\d|20\d\d)\b`).FindAllString(s, -1) {
		latest = max(latest, y)
	}
	return latest
}

// referenceEventYear is eventYear without its cue pre-check.
func referenceEventYear(text string) string {
	latest := ""
	for _, e := range events {
		if e.year > latest && e.re.MatchString(text) {
			latest = e.year
		}
	}
	return latest
}

// corpusLines is every line of the seed articles and of the text, HTML,
// Markdown and JSONL fixtures, and the edge cases.
func corpusLines(t testing.TB) []string {
	t.Helper()
	var lines []string
	add := func(data string) {
		for _, l := range strings.Split(data, "\n") {
			lines = append(lines, l, strings.TrimSpace(l))
		}
	}
	for _, f := range corpus.Files() {
		add(string(f.Data))
	}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "fuzz") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		add(string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(lines, prefilterEdgeCases...)
}

var prefilterEdgeCases = []string{
	"", " ", "1950", "1949 and 2099", "x2019", "2019x", "_2019", "2019_", "20199", "12019 2020", "in 2019, 2021.",
	"19501951", "1950-1951", "£2,020", "2020s", "post-2020", "2019/20", "20 19", "2٠19",
	"The ILACS report", "iLaCs", "ſocial work England", "Social Work Englanď", "SOCIAL WORK ENGLAND",
	"Inspection of Local Authority Children's Services", "inspection of local authority children’s services",
	"COVID-19", "covid19", "Covid", "lockdowns", "LOCKDOWN", "the pandemic", "The  pandemic", "coronaviruses",
	"cost-of-living crisis", "cost of living crisis", "Cost-Of-Living CRISIS", "Stable Homes, Built on Love",
	"stable homes built on love", "Stable Homes Built on Loves", "Kelvin \u212Aelvin lockdown", "lockdo\u212Fwn",
}

func TestLatestYearMatchesExpression(t *testing.T) {
	for _, l := range corpusLines(t) {
		if got, want := latestYear(l), referenceLatestYear(l); got != want {
			t.Errorf("latestYear(%q) = %q, the expression finds %q", l, got, want)
		}
	}
}

func TestEventYearCuesMissNoMatch(t *testing.T) {
	for _, l := range corpusLines(t) {
		if got, want := eventYear(l), referenceEventYear(l); got != want {
			t.Errorf("eventYear(%q) = %q, without cues %q", l, got, want)
		}
	}
}

func FuzzLatestYear(f *testing.F) {
	for _, s := range prefilterEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := latestYear(s), referenceLatestYear(s); got != want {
			t.Errorf("latestYear(%q) = %q, the expression finds %q", s, got, want)
		}
	})
}

func FuzzEventYear(f *testing.F) {
	for _, s := range prefilterEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := eventYear(s), referenceEventYear(s); got != want {
			t.Errorf("eventYear(%q) = %q, without cues %q", s, got, want)
		}
	})
}
