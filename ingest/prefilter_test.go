package ingest

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
	"(Photo: Jane Doe)", "(picture by Ann Lee)", "Kent © 2020", "ſource: ONS", "\u212A (credit: x) ", "Source : DfE",
	"Mon, 02 Jan 2006 15:04:05 -0700", "Mon,  02  Jan  2006  15:04:05  -0700", "Mon, 2 Jan 2006 15:04:05 MST x",
	"12 social workers joined the team on 2 January 2006", "Monday, 2 January 2006 at 10:41 pm",
	"Published 3rd March 2015", "Monday, 3 June 2019", "Updated: 4 May 2019 #", "By Jane Smith | 12 June 2020", "ſun, 2 Jan 2006",
}

func TestLatestYearMatchesExpression(t *testing.T) {
	holdsOnCorpus(t, "latestYear", latestYear, referenceLatestYear)
}

func FuzzLatestYear(f *testing.F) { fuzzHolds(f, "latestYear", latestYear, referenceLatestYear) }

func TestEventYearCuesMissNoMatch(t *testing.T) {
	holdsOnCorpus(t, "eventYear", eventYear, exhaustiveEventYear)
}

func FuzzEventYear(f *testing.F) { fuzzHolds(f, "eventYear", eventYear, exhaustiveEventYear) }

func exhaustiveEventYear(s string) string { return eventYearWith(s, exhaustive) }

func TestClassifyLineMatchesExpressions(t *testing.T) {
	holdsOnCorpus(t, "classifyLine", classifyLine, exhaustiveClassify)
}

func FuzzClassifyLine(f *testing.F) { fuzzHolds(f, "classifyLine", classifyLine, exhaustiveClassify) }

// exhaustiveClassify is classifyLine as it was before its pre-checks:
// every expression run on every line short enough for it.
func exhaustiveClassify(s string) lineInfo { return classify(s, exhaustive) }

var spamEdgeCases = []string{
	"CASINO bonus", "Cheap essays here", "buy cheap", "ſeo ſervices today", "\u212Alicka här nu", "KLICKA HÄR",
	"free  spins", "Free\u00a0download", "cryptocurrency", "a crypto tip", "escorts", "Best Price!", "visit our site",
	"VISIT OUR WEBSITE", "di\u017Fcount code", "Bitcoin", "pornography", "the betting shop", "replicas",
}

func TestForeignOrSpamCuesMissNoMatch(t *testing.T) {
	holdsOnCorpus(t, "foreignOrSpam", foreignOrSpam, exhaustiveForeignOrSpam, spamEdgeCases...)
}

func FuzzForeignOrSpam(f *testing.F) {
	fuzzHolds(f, "foreignOrSpam", foreignOrSpam, exhaustiveForeignOrSpam, spamEdgeCases...)
}

func exhaustiveForeignOrSpam(s string) bool { return foreignOrSpamWith(s, exhaustive) }

// interview is what interviewee returns, as one comparable value.
type interview struct {
	name, role string
	ok         bool
}

func TestIntervieweeStartsMissNoMatch(t *testing.T) {
	holdsOnCorpus(t, "interviewee", fastInterviewee, exhaustiveInterviewee, interviewEdgeCases...)
}

func FuzzInterviewee(f *testing.F) {
	fuzzHolds(f, "interviewee", fastInterviewee, exhaustiveInterviewee, interviewEdgeCases...)
}

var interviewEdgeCases = []string{
	"60 seconds with…Amy Gordon, newly qualified social worker, Kent County Council", "ONE MINUTE WITH Jo Bell",
	"Q&A: Sam Lee", "q & a with Sam Lee", "In conversation with Dr Jean Ross", "Interview with Ann Lee",
	"A day in the life of Tom Hill", "Five questions for Ann Lee", "Spotlight on Mina Shah", "Getting to know Tameside's team",
	"Meet our practitioner Ann Lee", "ſpotlight on Mina Shah", "\u212Aent", "Ten questions with Ann Lee",
}

func fastInterviewee(s string) interview {
	n, r, ok := interviewee(s)
	return interview{n, r, ok}
}

func exhaustiveInterviewee(s string) interview {
	n, r, ok := intervieweeWith(s, exhaustive)
	return interview{n, r, ok}
}

// dated is what parseDate returns, as one comparable value.
type dated struct {
	iso string
	ok  bool
}

func TestParseDateMatchesLayouts(t *testing.T) {
	holdsOnCorpus(t, "parseDate", fastParseDate, exhaustiveParseDate)
}

func FuzzParseDate(f *testing.F) { fuzzHolds(f, "parseDate", fastParseDate, exhaustiveParseDate) }

func fastParseDate(s string) dated {
	d, ok := parseDate(s)
	return dated{d, ok}
}

// exhaustiveParseDate is parseDate trying every layout on every string.
func exhaustiveParseDate(s string) dated {
	d, ok := parseDateWith(s, exhaustive)
	return dated{d, ok}
}

// holdsOnCorpus checks that fast gives what slow gives on every corpus
// line and on extra.
func holdsOnCorpus[T comparable](t *testing.T, name string, fast, slow func(string) T, extra ...string) {
	t.Helper()
	for _, l := range append(corpusLines(t), extra...) {
		if got, want := fast(l), slow(l); got != want {
			t.Errorf("%s(%q) = %+v, want %+v", name, l, got, want)
		}
	}
}

// fuzzHolds is holdsOnCorpus for any input, seeded with the corpus lines.
func fuzzHolds[T comparable](f *testing.F, name string, fast, slow func(string) T, extra ...string) {
	for _, s := range append(corpusLines(f), extra...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fast(s), slow(s); got != want {
			t.Errorf("%s(%q) = %+v, want %+v", name, s, got, want)
		}
	})
}

var nameEdgeCases = []string{
	"McDonald MacLean Macaroni Mcx O'Brien O’Neill D'Arcy D’Souza O'brien Mc",
	"Jean-Paul Smith-jones Anne-", "Émile Ørsted ÉCOLE Ǆemal", "Mac\xffDonald \xc3Xy",
}

func TestNameTokenSpansMatchExpression(t *testing.T) {
	holdsOnCorpus(t, "nameTokenSpans", scannedSpans, expressionSpans, nameEdgeCases...)
}

func FuzzNameTokenSpans(f *testing.F) {
	fuzzHolds(f, "nameTokenSpans", scannedSpans, expressionSpans, nameEdgeCases...)
}

var pronounEdgeCases = []string{
	"She said he would; he'd, she’s, He. SHE, sHe, she_, _he, he2, 2he, éhe, hé, théhe, shehe, Shell, ashes, the, he",
	"he", "She", "s he", "Ahe", "\xffhe\xff", "\u212Ahe",
}

func TestPronounSpansMatchExpression(t *testing.T) {
	holdsOnCorpus(t, "pronounSpans", func(s string) string { return fmt.Sprint(pronounSpans(s)) },
		func(s string) string { return fmt.Sprint(pronounRe.FindAllStringIndex(s, -1)) }, pronounEdgeCases...)
}

func FuzzPronounSpans(f *testing.F) {
	fuzzHolds(f, "pronounSpans", func(s string) string { return fmt.Sprint(pronounSpans(s)) },
		func(s string) string { return fmt.Sprint(pronounRe.FindAllStringIndex(s, -1)) }, pronounEdgeCases...)
}

func scannedSpans(s string) string    { return fmt.Sprint(nameTokenSpans(s)) }
func expressionSpans(s string) string { return fmt.Sprint(nameTokenRe.FindAllStringIndex(s, -1)) }

// countWords counts up to limit words, as strings.Fields splits them.
func FuzzCountWords(f *testing.F) {
	counts := func(count func(string, int) int) func(string) [3]int {
		return func(s string) [3]int { return [3]int{count(s, 1), count(s, 5), count(s, 41)} }
	}
	fieldsCount := func(s string, limit int) int { return min(len(strings.Fields(s)), limit) }
	fuzzHolds(f, "countWords", counts(countWords), counts(fieldsCount), "a\u00a0b\u0085c\u2003d\xffe \x85 f")
}

func FuzzCollapseSpace(f *testing.F) {
	fuzzHolds(f, "collapseSpace", collapseSpace, func(s string) string { return strings.Join(strings.Fields(s), " ") },
		"", " ", "a", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2003 b", "a\x85b", "a\xffb \xc2", "a b c", "\u3000")
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
	fuzzHolds(f, "normKey", normKey, referenceNormKey, "İstanbul's ÉCOLE — it’s 2’000 \xff\xfe ǅemal ΣΑΣ ＡＢＣ")
}

func TestFirstFormatIsFirst(t *testing.T) {
	for r := rune(0); r < firstFormat; r++ {
		if unicode.Is(unicode.Cf, r) {
			t.Fatalf("%U is a format character below firstFormat", r)
		}
	}
	if !unicode.Is(unicode.Cf, firstFormat) {
		t.Fatalf("firstFormat %U is not a format character", firstFormat)
	}
}

// TestFactsSkipOnlySentencesWithoutNumbers holds the extractors that skip
// a sentence without a number to those that read every sentence, on every
// corpus line (a text article's paragraph) as text and as a list item.
func TestFactsSkipOnlySentencesWithoutNumbers(t *testing.T) {
	var exhaustiveExtractors []FactExtractor
	for _, x := range factExtractors {
		exhaustiveExtractors = append(exhaustiveExtractors, newRulesExtractorWith(x.Name, mustLoadFactRules(x.Name), exhaustive))
	}
	facts := func(xs []FactExtractor) func(string) string {
		return func(s string) string {
			b, err := json.Marshal(factsOf(xs, s, []string{s}))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	found := 0
	for _, l := range corpusLines(t) {
		if len(FactsOf(l, nil)) > 0 {
			found++
		}
	}
	if found < 20 {
		t.Fatalf("facts in %d corpus lines; the comparison below needs lines with facts", found)
	}
	holdsOnCorpus(t, "FactsOf", facts(factExtractors), facts(exhaustiveExtractors),
		"Caseloads are around 18 children.", "Pay is £32,000 to £38k.", "Caseloads of eighteen", "£ 30,000", "£30.5k a year")
}
