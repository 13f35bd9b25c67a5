package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

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
	"thursday 19th december 2024", "Posted on 13 January 2014 at 10:41 pm", "SEPT 3 2020", "Sept 2021", "30/10/22",
	"Thu, 19 Dec 2024 14:00:15 +0000", "2018-10-30T09:00:00Z", "janUARY 2006", "THURSDAY, JANUARY 2, 2014",
	"Published 3rd March 2015", "Updated: 4 May 2019 #", "By Jane Smith | 12 June 2020", "ſun, 2 Jan 2006",
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
	for _, s := range corpusLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := latestYear(s), referenceLatestYear(s); got != want {
			t.Errorf("latestYear(%q) = %q, the expression finds %q", s, got, want)
		}
	})
}

func FuzzEventYear(f *testing.F) {
	for _, s := range corpusLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := eventYear(s), referenceEventYear(s); got != want {
			t.Errorf("eventYear(%q) = %q, without cues %q", s, got, want)
		}
	})
}

// referenceClassifyLine is classifyLine as it was before its pre-checks:
// every expression run on every line short enough for it.
func referenceClassifyLine(line string) lineInfo {
	s := strings.TrimSpace(line)
	if s == "" {
		return lineInfo{kind: lineFurniture}
	}
	words := countWords(s, 41)
	if words > 40 {
		return lineInfo{kind: lineBody} // furniture is never this long
	}
	key := strings.ToLower(strings.TrimRight(s, ".!:… "))
	switch {
	case loadWordLists().furnitureLines[key], words <= 12 && callToActionRe.MatchString(key):
		return lineInfo{kind: lineFurniture}
	case words <= 6 && endOfBodyRe.MatchString(key):
		return lineInfo{kind: lineEndOfBody}
	case words <= 4 && bannerRe.MatchString(key):
		return lineInfo{kind: lineBanner, value: s}
	case words <= 6 && columnRe.MatchString(key):
		return lineInfo{kind: lineColumn, value: s}
	case words <= 4 && bareSponsorRe.MatchString(key):
		return lineInfo{kind: lineSponsor}
	case commentsHeaderRe.MatchString(s) && words <= 30:
		return lineInfo{kind: lineCommentsHeader}
	case words == 1 && imageRe.MatchString(s):
		return lineInfo{kind: lineImage}
	case words <= 40 && captionRe.MatchString(s):
		return lineInfo{kind: lineCaption, value: s}
	}
	if words <= 14 {
		for _, re := range sponsorRes {
			if m := re.FindStringSubmatch(s); m != nil {
				return lineInfo{kind: lineSponsor, value: strings.TrimRight(strings.TrimSpace(m[1]), ".")}
			}
		}
	}
	if words <= 12 {
		if m := bylineRe.FindStringSubmatch(s); m != nil {
			d, _ := findDate(m[1])
			return lineInfo{kind: lineByline, value: d}
		}
		rest := datelinePrefixRe.ReplaceAllString(s, "")
		if d, ok := referenceParseDate(rest); ok {
			return lineInfo{kind: lineDate, value: d}
		}
		if rest != s {
			if d, ok := findDate(rest); ok {
				return lineInfo{kind: lineDate, value: d}
			}
		}
	}
	if words <= 8 && !endsSentence(s) {
		if c, ok := LookupCouncil(s); ok {
			return lineInfo{kind: lineCouncil, value: c.Name}
		}
	}
	return lineInfo{kind: lineBody}
}

func TestClassifyLineMatchesExpressions(t *testing.T) {
	for _, l := range corpusLines(t) {
		if got, want := classifyLine(l), referenceClassifyLine(l); got != want {
			t.Errorf("classifyLine(%q) = %+v, the expressions give %+v", l, got, want)
		}
	}
}

func FuzzClassifyLine(f *testing.F) {
	for _, s := range corpusLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := classifyLine(s), referenceClassifyLine(s); got != want {
			t.Errorf("classifyLine(%q) = %+v, the expressions give %+v", s, got, want)
		}
	})
}

// referenceParseDate and referenceIsoDate are parseDate and isoDate before
// their pre-checks.
func referenceParseDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "#|·•"))
	// Every form has a year in digits; most lines have none, and trying
	// each layout on them was a fifth of the time to parse short paragraphs.
	if s == "" || len(s) > 64 || !strings.ContainsAny(s, "0123456789") {
		return "", false
	}
	if d, ok := referenceIsoDate(s); ok {
		return d, plausibleYear(d)
	}
	loose := weekdayPrefix.ReplaceAllString(s, "")
	loose = clockSuffix.ReplaceAllString(loose, "")
	loose = strings.ReplaceAll(titleCaseWords(loose), "Sept ", "Sep ")
	if d, ok := referenceIsoDate(loose); ok {
		return d, plausibleYear(d)
	}
	return "", false
}

func referenceIsoDate(s string) (string, bool) {
	s = cleanSpace(s)
	if s == "" {
		return "", false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	// Loose forms: ordinals, a trailing time of day, "Posted on".
	loose := ordinalSuffix.ReplaceAllString(s, "$1")
	loose = timeTail.ReplaceAllString(loose, "")
	loose = strings.TrimPrefix(strings.TrimPrefix(loose, "Posted on "), "Published ")
	loose = strings.Trim(loose, " ,#")
	if loose != s {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, loose); err == nil {
				return t.Format("2006-01-02"), true
			}
		}
	}
	return "", false
}

func TestParseDateMatchesLayouts(t *testing.T) {
	for _, l := range corpusLines(t) {
		gotD, gotOK := parseDate(l)
		wantD, wantOK := referenceParseDate(l)
		if gotD != wantD || gotOK != wantOK {
			t.Errorf("parseDate(%q) = %q, %v; every layout tried gives %q, %v", l, gotD, gotOK, wantD, wantOK)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range corpusLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		gotD, gotOK := parseDate(s)
		wantD, wantOK := referenceParseDate(s)
		if gotD != wantD || gotOK != wantOK {
			t.Errorf("parseDate(%q) = %q, %v; every layout tried gives %q, %v", s, gotD, gotOK, wantD, wantOK)
		}
	})
}

func TestNameTokenSpansMatchExpression(t *testing.T) {
	for _, l := range append(corpusLines(t), "McDonald MacLean Macaroni Mcx O'Brien O’Neill D'Arcy D’Souza O'brien Mc", "Jean-Paul Smith-jones Anne-", "Émile Ørsted ÉCOLE Ǆemal", "Mac\xffDonald \xc3Xy") {
		if got, want := nameTokenSpans(l), nameTokenRe.FindAllStringIndex(l, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("nameTokenSpans(%q) = %v, the expression finds %v", l, got, want)
		}
	}
}

func FuzzNameTokenSpans(f *testing.F) {
	for _, s := range corpusLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nameTokenSpans(s), nameTokenRe.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("nameTokenSpans(%q) = %v, the expression finds %v", s, got, want)
		}
	})
}

// referenceCountWords is countWords as it was, rune by rune.
func referenceCountWords(s string, limit int) int {
	n, inWord := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			inWord = false
		case !inWord:
			inWord = true
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}

func FuzzCountWords(f *testing.F) {
	for _, s := range append(corpusLines(f), "a\u00a0b\u0085c\u2003d\xffe \x85 f") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, limit := range []int{1, 5, 41} {
			if got, want := countWords(s, limit), referenceCountWords(s, limit); got != want {
				t.Errorf("countWords(%q, %d) = %d, rune by rune %d", s, limit, got, want)
			}
		}
	})
}

// referenceNormKey is normKey as it was: lower case, apostrophes
// removed, split at anything but letters and digits, joined by spaces.
func referenceNormKey(s string) string {
	s = strings.NewReplacer("’", "", "'", "").Replace(strings.ToLower(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func FuzzNormKey(f *testing.F) {
	for _, s := range append(corpusLines(f), "İstanbul's ÉCOLE — it’s 2’000 \xff\xfe ǅemal ΣΑΣ ＡＢＣ") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normKey(s), referenceNormKey(s); got != want {
			t.Errorf("normKey(%q) = %q, want %q", s, got, want)
		}
	})
}
