package ingest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestAnalyseQuotes(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		quotes   []string // the quoted words found
		bare     bool
		unclosed bool
	}{
		{"curly", "“We listen to families and we act on it,” says Jean.", []string{"We listen to families and we act on it"}, false, false},
		{"straight", `"We listen to families and we act on it," says Jean.`, []string{"We listen to families and we act on it"}, false, false},
		{"single curly", "‘We listen to families and we act on it,’ says Jean.", []string{"We listen to families and we act on it"}, false, false},
		{"single straight", "'We listen to families and we act on it,' says Jean.", []string{"We listen to families and we act on it"}, false, false},
		{"mismatched curly and straight", "“We listen to families and we act on it,\" says Jean.", []string{"We listen to families and we act on it"}, false, false},
		{"mismatched double and single", "“We listen to families and it’s what we do’, says Jean.", []string{"We listen to families and it’s what we do"}, false, false},
		{"mismatched double and straight single", "“We listen to families and that’s what we do', says Jean.", []string{"We listen to families and that’s what we do"}, false, false},
		{"apostrophes are not quotes", "It’s the workers’ choice and that’s that.", nil, false, false},
		{"scare quotes are not quotations", "Caseloads fell to ‘manageable’ levels.", nil, false, false},
		{"nested single inside double", "“Coming out of ‘inadequate’ you have to micromanage everything,” she says.", []string{"Coming out of ‘inadequate’ you have to micromanage everything"}, false, false},
		{"bare pull quote", "“We get additional support when things are hectic”", []string{"We get additional support when things are hectic"}, true, false},
		{"unclosed runs on", "“Our practice has changed a lot over the years.", []string{"Our practice has changed a lot over the years."}, true, true},
		{"two quotations", "“It is about feeling good at work,” explains Jean. “No matter where you work, support matters.”", []string{"It is about feeling good at work", "No matter where you work, support matters."}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := analyseQuotes(tt.in)
			var got []string
			for _, s := range q.spans {
				got = append(got, s.inner)
			}
			if !reflect.DeepEqual(got, tt.quotes) || q.bare != tt.bare || q.unclosed != tt.unclosed {
				t.Errorf("analyseQuotes(%q) = %q bare=%v unclosed=%v; want %q bare=%v unclosed=%v", tt.in, got, q.bare, q.unclosed, tt.quotes, tt.bare, tt.unclosed)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"30/10/22", "2022-10-30"},
		{"30/10/2022", "2022-10-30"},
		{"2018-10-30", "2018-10-30"},
		{"2018-10-30T09:15:00Z", "2018-10-30"},
		{"Thu, 19 Dec 2024 14:00:15 +0000", "2024-12-19"},
		{"January 13, 2014", "2014-01-13"},
		{"January 13, 2014 at 10:41 pm", "2014-01-13"},
		{"February 22, 2014 at 2:20 am #", "2014-02-22"},
		{"13th January 2014", "2014-01-13"},
		{"Monday 13 January 2014", "2014-01-13"},
		{"13 january 2014", "2014-01-13"},
		{"not a date", ""},
		{"99/99/99", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestFindDate(t *testing.T) {
	for in, want := range map[string]string{
		"Posted on 13 January 2014 by the editor": "2014-01-13",
		"Laura Finch | 30/10/22":                  "2022-10-30",
		"Updated Thu, 19 Dec 2024 14:00:15 +0000": "2024-12-19",
	} {
		if got, _ := findDate(in); got != want {
			t.Errorf("findDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticleID(t *testing.T) {
	tests := []struct{ title, name, want string }{
		{"In a good place…What is it like to be a social worker in Kent?", "x.txt", "in-a-good-place-what-is-it-like-to-be-a-social-worker-in"},
		{"We’re making Worcestershire a great place", "x.txt", "were-making-worcestershire-a-great-place"},
		{"Café culture in Ceredigion", "x.txt", "cafe-culture-in-ceredigion"},
		{"", "articles/004_34c64188120397dc.txt", "004-34c64188120397dc"},
		{"“”", "", "article"},
	}
	for _, tt := range tests {
		got := articleID(tt.title, tt.name)
		if got != tt.want || len(got) > maxSlugLen {
			t.Errorf("articleID(%q, %q) = %q, want %q", tt.title, tt.name, got, tt.want)
		}
	}
}

func TestClassifyLine(t *testing.T) {
	tests := []struct {
		line  string
		kind  lineKind
		value string
	}{
		{"Employer Zone", lineBanner, "Employer Zone"},
		{"Workforce Insights", lineBanner, "Workforce Insights"},
		{"Frontline view", lineColumn, "Frontline view"},
		{"In the spotlight", lineColumn, "In the spotlight"},
		{"A sponsored feature from Kent County Council", lineSponsor, "Kent County Council"},
		{"A feature sponsored by Worcestershire County Council", lineSponsor, "Worcestershire County Council"},
		{"Sponsored by Harbourside Care.", lineSponsor, "Harbourside Care"},
		{"In partnership with Leeds City Council", lineSponsor, "Leeds City Council"},
		{"Sponsored feature", lineSponsor, ""},
		// Two labels stacked on one line: the sponsor is what the inner
		// label names, not the label itself.
		{"SPONSORED CONTENT | In partnership with Achieving for Children", lineSponsor, "Achieving for Children"},
		{"Partner content: Sponsored by Kent County Council", lineSponsor, "Kent County Council"},
		{"View our current vacancies", lineFurniture, ""},
		{"View our current vacancies at Cheshire East jobs.", lineFurniture, ""},
		{"Find jobs in Devon", lineFurniture, ""},
		{"See how our jobs compare with agency pay in the region and why people stay.", lineBody, ""},
		{"Comments are closed.", lineFurniture, ""},
		{"More from Community Care", lineEndOfBody, ""},
		{"2 Responses to We’re making Worcestershire a great place to be a social worker", lineCommentsHeader, ""},
		{"Two thoughts on supervision stand out.", lineBody, ""},
		{"Child-with-toy", lineImage, ""},
		{"team-photo.jpg", lineImage, ""},
		{"Photo: the Barnstaple hub", lineCaption, "Photo: the Barnstaple hub"},
		{"The team online (Credit: Somerset County Council)", lineCaption, "The team online (Credit: Somerset County Council)"},
		{"By Laura Finch | 30/10/22", lineByline, "2022-10-30"},
		{"Published: 2018-10-30", lineDate, "2018-10-30"},
		{"Page last updated: 4 April 2024", lineDate, "2024-04-04"},
		{"This page was last updated on 4 April 2024", lineDate, "2024-04-04"},
		{"Released 18 April 2024 · 32 mins", lineDate, "2024-04-18"},
		{"Thu, 19 Dec 2024 14:00:15 +0000", lineDate, "2024-12-19"},
		// A social site's bars and counters, a reading time, a cookie
		// notice and a "Related:" link, wherever they stand.
		{"Like · Reply · 1w", lineFurniture, ""},
		{"Like", lineFurniture, ""},
		{"Repost", lineFurniture, ""},
		{"WhatsApp", lineFurniture, ""},
		{"👍❤️👏 214", lineFurniture, ""},
		{"38 comments • 12 reposts", lineFurniture, ""},
		{"212 Followers", lineFurniture, ""},
		{"3", lineFurniture, ""},
		{"#socialwork #socialworkjobs #kent #hiring", lineFurniture, ""},
		{"6 min read", lineFurniture, ""},
		{"We use cookies to give you the best experience on our website. Accept Reject", lineFurniture, ""},
		{"Related: Harrogate teenager wins national poetry award", lineFurniture, ""},
		{"Read more: Staffordshire councillors approve £30m of budget cuts", lineFurniture, ""},
		{"Related: the council's own research shows caseloads fell by a third in two years.", lineBody, ""},
		{"12 social workers joined in May.", lineBody, ""},
		{"Like many councils, we struggled to recruit.", lineBody, ""},
		{"#1 priority: caseloads", lineBody, ""},
		// A press release's furniture: its labels, "ENDS" and the media
		// contact after them.
		{"PRESS RELEASE", lineFurniture, ""},
		{"FOR IMMEDIATE RELEASE", lineFurniture, ""},
		{"ENDS", lineFurniture, ""},
		{"-ends-", lineFurniture, ""},
		{"Notes to editors", lineBody, ""}, // what they say about the employer is text
		{"Media contact", lineEndOfBody, ""},
		{"Media enquiries", lineEndOfBody, ""},
		{"It ends with a conference.", lineBody, ""},
		{"Kent County Council", lineCouncil, "Kent County Council"},
		{"Kent County Council is recruiting now.", lineBody, ""},
		{"Falling caseloads", lineBody, ""},
		{"Well-being matters to us.", lineBody, ""},
	}
	for _, tt := range tests {
		got := classifyLine(tt.line)
		if got.kind != tt.kind || got.value != tt.value {
			t.Errorf("classifyLine(%q) = %v %q, want %v %q", tt.line, got.kind, got.value, tt.kind, tt.value)
		}
	}
}

func TestSplitQA(t *testing.T) {
	tests := []struct {
		in       string
		ok       bool
		question string
		answer   string
	}{
		{"What are caseloads like in Kent?", true, "What are caseloads like in Kent?", ""},
		{"Kent has embraced Signs of Safety. What difference is it making?", true, "Kent has embraced Signs of Safety. What difference is it making?", ""},
		{"Q: Why restorative practice?", true, "Why restorative practice?", ""},
		{"Q. Has it changed recruitment? A: We lose fewer people.", true, "Has it changed recruitment?", "We lose fewer people."},
		{"What surprised you most? How little I mind the driving.", true, "What surprised you most?", "How little I mind the driving."},
		{"“How did you find the session?” Jean asks.", false, "", ""},
		{"A: Because it works.", false, "", ""},
		{"We asked what works? and nobody knew.", false, "", ""},
		{"Caseloads are falling across the county.", false, "", ""},
	}
	for _, tt := range tests {
		q, ok := splitQA(tt.in)
		if ok != tt.ok || q.text != tt.question || q.answer != tt.answer {
			t.Errorf("splitQA(%q) = %q/%q %v; want %q/%q %v", tt.in, q.text, q.answer, ok, tt.question, tt.answer, tt.ok)
		}
	}
}

func TestRoles(t *testing.T) {
	after := map[string]string{
		", consultant social worker in a frontline safeguarding team": "consultant social worker",
		", the operations manager for Taunton’s team, agrees":         "operations manager",
		" a newly qualified social worker – say":                      "newly qualified social worker",
		", our director of specialist children’s services, is great":  "director of specialist children’s services",
		", the agency's lead practice consultant.":                    "lead practice consultant",
		" (team manager) says":                                        "team manager",
		" and advanced practitioners are meeting":                     "",
		" cites an example of a father":                               "",
		", who is great":                                              "",
	}
	for in, want := range after {
		if got := roleAfter(in); got != want {
			t.Errorf("roleAfter(%q) = %q, want %q", in, got, want)
		}
	}
	before := map[string]string{
		"It’s December and Medway Council’s principal social worker ": "principal social worker",
		"“…,” says adult social worker ":                              "adult social worker",
		"Its team manager, ":                                          "team manager",
		"The social worker thanks ":                                   "",
	}
	for in, want := range before {
		if got := roleBefore(in); got != want {
			t.Errorf("roleBefore(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCastResolvesLaterMentions(t *testing.T) {
	var c cast
	c.mentions("It’s early December and Medway Council’s principal social worker Jean Ross and advanced practitioners are meeting.")
	tests := []struct {
		outside string
		want    string
	}{
		{"‹Q› Jean asks.", "Jean Ross"},
		{"‹Q› says Ross.", "Jean Ross"},
		{"‹Q› explains Jean. ‹Q›", "Jean Ross"},
		{"She added: ‹Q›", "Jean Ross"},
		{"‹Q› – Grace Mensah, principal social worker", "Grace Mensah"},
		{"‹Q›", ""},
	}
	c.focus = c.people[0]
	for _, tt := range tests {
		who, _ := c.attribution(tt.outside)
		got := ""
		if who != nil {
			got = who.Name
		}
		if got != tt.want {
			t.Errorf("attribution(%q) = %q, want %q", tt.outside, got, tt.want)
		}
	}
	if p := c.byName("Jean"); p == nil || p.Role != "principal social worker" {
		t.Errorf("Jean resolves to %+v", p)
	}
	// Councils and organisations are not speakers.
	if who, _ := c.attribution("‹Q› Medway says."); who != nil && who.Name == "Medway" {
		t.Error("a council was taken for a speaker")
	}
}

func TestInterviewee(t *testing.T) {
	tests := []struct{ in, name, role string }{
		{"60 seconds with…Amy Gordon, newly qualified social worker, Kent County Council", "Amy Gordon", "newly qualified social worker"},
		{"Q&A with Fatima Begum, advanced practitioner, Leeds City Council", "Fatima Begum", "advanced practitioner"},
		{"In conversation with Sam Patel", "Sam Patel", ""},
		{"60 seconds with the team", "", ""},
	}
	for _, tt := range tests {
		name, role, ok := interviewee(tt.in)
		if name != tt.name || role != tt.role || ok != (tt.name != "") {
			t.Errorf("interviewee(%q) = %q, %q, %v", tt.in, name, role, ok)
		}
	}
}

func TestParseTextStructure(t *testing.T) {
	text := strings.Join([]string{
		"Employer Zone", "", "A title for the test", "", "A sponsored feature from Kent County Council", "",
		"This standfirst is long enough to be one and ends properly.", "",
		"The plan has three parts:", "", "Better supervision", "", "  • Lower caseloads", "  • More training", "",
		"A heading", "A paragraph straight after its heading, on the next line.", "",
		"Text that stops in the mid",
	}, "\n")
	doc, err := parseText(context.Background(), "t.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "A title for the test" || doc.Standfirst != "This standfirst is long enough to be one and ends properly." {
		t.Errorf("title %q standfirst %q", doc.Title, doc.Standfirst)
	}
	var kinds []BlockKind
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind)
	}
	want := []BlockKind{BlockParagraph, BlockParagraph, BlockParagraph, BlockParagraph, BlockList, BlockHeading, BlockParagraph, BlockParagraph}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("block kinds = %v, want %v (banner, sponsor, lead-in, lost-bullet item, list, heading, paragraph, cut-off paragraph)", kinds, want)
	}
	for _, bad := range []string{"", "  \n\t\n", "\ufeff"} {
		if _, err := parseText(context.Background(), "empty.txt", bad); !errors.Is(err, ErrNoArticle) || !strings.Contains(err.Error(), "empty.txt") {
			t.Errorf("parseText(%q) error = %v, want ErrNoArticle naming the file", bad, err)
		}
	}
}

func TestBuildFormatNeutral(t *testing.T) {
	// A document as the HTML or Markdown front-end would give it.
	doc := &Document{
		Name:      "page.html",
		Format:    FormatHTML,
		Title:     "Life on the duty desk",
		Sponsor:   "Kent",
		Published: "2024-03-05",
		Blocks: []Block{
			{Kind: BlockParagraph, Text: "Kent's duty desk answers every call the same day, says its manager."},
			{Kind: BlockCaption, Text: "The duty desk in Maidstone. Photo: Kent County Council"},
			{Kind: BlockHeading, Level: 2, Text: "Same-day answers"},
			{Kind: BlockQuote, Text: "Nobody waits overnight for a call back from this team, and families notice."},
			{Kind: BlockParagraph, Text: "View our current vacancies"},
			{Kind: BlockComment, Author: "Sam", Date: "14 March 2024", Text: "Is the desk open at weekends?"},
		},
	}
	a, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	if a.Council != "Kent County Council" || a.Published != "2024-03-05" || a.PublishedEstimated {
		t.Errorf("council %q published %q estimated %v", a.Council, a.Published, a.PublishedEstimated)
	}
	var kinds []Kind
	for _, p := range a.Passages {
		kinds = append(kinds, p.Kind)
	}
	if want := []Kind{KindIntro, KindSection, KindQuote, KindComment}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds = %v, want %v", kinds, want)
	}
	if c := a.Passages[len(a.Passages)-1]; c.Speaker != "Sam" || c.Date != "2024-03-14" {
		t.Errorf("comment by %q on %q", c.Speaker, c.Date)
	}
	if a.Passages[1].Text != "The duty desk in Maidstone." {
		t.Errorf("caption passage = %q, want the caption without its credit", a.Passages[1].Text)
	}
	if a.Passages[2].Heading != "Same-day answers" {
		t.Errorf("quote heading = %q", a.Passages[2].Heading)
	}
	if _, err := Build(&Document{Name: "blank.md", Blocks: []Block{{Kind: BlockParagraph, Text: "Comments are closed."}}}); !errors.Is(err, ErrNoArticle) {
		t.Errorf("a document of furniture only: err = %v, want ErrNoArticle", err)
	}
}

func TestPullQuoteFolding(t *testing.T) {
	text := "A title\n\nWhat do you enjoy?\nThe team always has time for you, whatever the day brings.\n\n“The team always has time for you”\n\nHow is supervision?\nRegular and useful.\n\n“A quotation that repeats nothing else in the piece at all”\n"
	a := buildText(t, "pull.txt", text)
	if n := len(passagesOf(a, KindQA)); n != 2 {
		t.Errorf("got %d qa passages, want 2", n)
	}
	quotes := passagesOf(a, KindQuote)
	if len(quotes) != 1 || !strings.Contains(quotes[0].Text, "repeats nothing else") {
		t.Errorf("quotes = %+v; want only the one that repeats nothing", quotes)
	}
}

func TestSponsor(t *testing.T) {
	para := func(s ...string) []Block {
		var bs []Block
		for _, t := range s {
			bs = append(bs, Block{Kind: BlockParagraph, Text: t})
		}
		return bs
	}
	tests := []struct {
		name string
		doc  Document
		want string
	}{
		{"metadata names a council by short name", Document{Sponsor: "Kent", Blocks: para("Social work here is varied and well supported.")}, "Kent County Council"},
		{"sponsor line outside the gazetteer", Document{Blocks: para("A feature sponsored by Brightwater Fostering", "Our foster carers are supported by a dedicated social worker.")}, "Brightwater Fostering"},
		{"employer named in the lead", Document{Title: "Fostering with heart", Blocks: para("At Brightwater Fostering, we match every carer with a supervising social worker.", "Carers say the support makes the difference.")}, "Brightwater Fostering"},
		{"council named throughout", Document{Title: "Why Devon?", Blocks: para("Devon County Council has cut caseloads for two years running.", "Devon social workers now carry 15 children on average.", "The model came from Hertfordshire.")}, "Devon County Council"},
		{"a council mentioned once in passing is no sponsor", Document{Title: "Family safeguarding spreads", Blocks: para("The model, first developed by Hertfordshire County Council, is now used by many councils.")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.doc.Name = "t.txt"
			a, err := Build(&tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if c, ok := LookupCouncil(want); ok {
				want = c.Name
			}
			if a.Council != want {
				t.Errorf("council = %q, want %q", a.Council, want)
			}
		})
	}
}
