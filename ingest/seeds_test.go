package ingest

import (
	"strings"
	"testing"
)

// passagesOf returns the passages of a kind.
func passagesOf(a *Article, kind Kind) []Passage {
	var out []Passage
	for _, p := range a.Passages {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// passageWith returns the passage whose text starts with prefix.
func passageWith(tb testing.TB, a *Article, prefix string) Passage {
	tb.Helper()
	for _, p := range a.Passages {
		if strings.HasPrefix(p.Text, prefix) {
			return p
		}
	}
	tb.Fatalf("%s: no passage starts with %q", a.ID, prefix)
	return Passage{}
}

func TestSeed000Interview(t *testing.T) {
	a := seedArticles(t)["000"]
	qa := passagesOf(a, KindQA)
	if len(qa) != 6 {
		t.Fatalf("got %d qa passages, want 6", len(qa))
	}
	for _, p := range qa {
		if p.Speaker != "Amy Gordon" || p.Role != "newly qualified social worker" {
			t.Errorf("%s (%q) spoken by %q, %q; want Amy Gordon, newly qualified social worker", p.ID, p.Question, p.Speaker, p.Role)
		}
	}
	if q := passagesOf(a, KindQuote); len(q) != 0 {
		t.Errorf("pull quotes were indexed as passages of their own: %v", q)
	}
	for _, pull := range []string{"take an interest in you as a person, not just the case", "additional support when things are more hectic"} {
		n := 0
		for _, p := range a.Passages {
			n += strings.Count(p.Text, pull)
		}
		if n != 1 {
			t.Errorf("%q appears %d times across passages, want once (folded into its answer)", pull, n)
		}
	}
	if a.Council != "Kent County Council" || a.Banner != "Employer Zone" || a.Column != "Frontline view" {
		t.Errorf("council %q banner %q column %q", a.Council, a.Banner, a.Column)
	}
	if got := qa[4].Question; got != "Kent has embraced the Signs of Safety approach. What difference is it making?" {
		t.Errorf("fifth question = %q", got)
	}
}

func TestSeed001Lists(t *testing.T) {
	a := seedArticles(t)["001"]
	lists := passagesOf(a, KindList)
	if len(lists) != 2 {
		t.Fatalf("got %d lists, want 2", len(lists))
	}
	first := lists[0]
	if len(first.Items) != 8 || first.Items[0] != "Professional leadership" || first.Items[7] != "Quality assurance" {
		t.Errorf("the eight core priorities came out as %d items: %q", len(first.Items), first.Items)
	}
	if !strings.HasPrefix(first.Text, "The contract is based on eight core priorities:") {
		t.Errorf("list lost its lead-in: %q", first.Text)
	}
	second := lists[1]
	if len(second.Items) != 7 || !strings.HasPrefix(second.Items[0], "The new Central Referral Unit") {
		t.Errorf("Ofsted's improvements came out as %d items: %q", len(second.Items), second.Items)
	}
	if a.Council != "Kent County Council" {
		t.Errorf("council = %q", a.Council)
	}
}

func TestSeed002Quotes(t *testing.T) {
	a := seedArticles(t)["002"]
	quotes := passagesOf(a, KindQuote)
	if len(quotes) < 10 {
		t.Fatalf("got %d quote passages, want at least 10", len(quotes))
	}
	for _, p := range quotes {
		if p.Speaker != "Jean Ross" || p.Role != "principal social worker" {
			t.Errorf("%s %q attributed to %q (%q), want Jean Ross", p.ID, p.Text, p.Speaker, p.Role)
		}
	}
	if a.Council != "Medway Council" || a.Banner != "Workforce Insights" || a.Column != "In the spotlight" {
		t.Errorf("council %q banner %q column %q", a.Council, a.Banner, a.Column)
	}
	// The closing paragraph repeats the standfirst word for word.
	if n := strings.Count(strings.Join(passageTexts(a), "\n"), "Come and join Medway Council"); n != 1 {
		t.Errorf("the repeated standfirst is indexed %d times", n)
	}
}

func passageTexts(a *Article) []string {
	var out []string
	for _, p := range a.Passages {
		out = append(out, p.Text)
	}
	return out
}

func TestSeed003Speakers(t *testing.T) {
	a := seedArticles(t)["003"]
	cases := []struct{ prefix, speaker, role string }{
		{"“It would be good if they could bring", "Elizabeth Sterland", "consultant social worker"},
		{"“What’s nice about the journey", "Elizabeth Sterland", "consultant social worker"},
		{"“It feels like the next step", "Elizabeth Sterland", "consultant social worker"},
		{"“Our practice has changed a lot", "Cathy Jones", "operations manager"},
		{"“You can’t get to know families", "Cathy Jones", "operations manager"},
		{"“When you’re coming out of", "Cathy Jones", "operations manager"},
		{"“I asked the social worker", "Cathy Jones", "operations manager"},
		{"“We can have a laugh", "Abigail Prettejohn", "social worker"},
		{"“We had a social worker who had to remove", "Cathy Jones", "operations manager"},
		{"Sophie says she had such a good experience", "Sophie Simmons", "newly qualified social worker"},
		{"“I think Somerset has a lot", "Cathy Jones", "operations manager"},
		{"Elizabeth laughs:", "Elizabeth Sterland", "consultant social worker"},
	}
	for _, c := range cases {
		p := passageWith(t, a, c.prefix)
		if p.Kind != KindQuote || p.Speaker != c.speaker || p.Role != c.role {
			t.Errorf("%q: kind %s speaker %q role %q; want quote by %s (%s)", c.prefix, p.Kind, p.Speaker, p.Role, c.speaker, c.role)
		}
	}
	somerset, ok := LookupCouncil("Somerset County Council")
	if !ok || a.Council != somerset.Name {
		t.Errorf("council = %q, want Somerset's canonical name (Hertfordshire is only mentioned)", a.Council)
	}
}

func TestSeed004Comments(t *testing.T) {
	a := seedArticles(t)["004"]
	comments := passagesOf(a, KindComment)
	if len(comments) != 2 {
		t.Fatalf("got %d comments, want 2", len(comments))
	}
	want := []struct{ author, date, start string }{
		{"Imelda", "2014-01-13", "What is the average case load"},
		{"Luke Bopoto", "2014-02-22", "I am an aspiring social worker"},
	}
	for i, w := range want {
		c := comments[i]
		if c.Speaker != w.author || c.Date != w.date || !strings.HasPrefix(c.Text, w.start) {
			t.Errorf("comment %d: %q %q %.40q; want %s %s %q", i+1, c.Speaker, c.Date, c.Text, w.author, w.date, w.start)
		}
	}
	if !strings.HasSuffix(comments[1].Text, "Is there any thing you can do to help.") {
		t.Errorf("Luke Bopoto's comment lost its last line: %q", comments[1].Text)
	}
	if a.Council != "Worcestershire County Council" {
		t.Errorf("council = %q", a.Council)
	}
}
