package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Generator makes synthetic articles from one seed. It is safe for
// concurrent use: each article has its own random source derived from the
// seed and the article number.
type Generator struct {
	seed     uint64
	councils []ingest.Council // in a seed-dependent order, most prolific sponsors first
	topics   []ingest.Topic
	words    *words
}

// New returns a generator for seed, drawing sponsors from the ingest
// gazetteer and topics from the ingest taxonomy.
func New(seed uint64) *Generator {
	councils := ingest.Councils()
	// A seed-dependent order, so which councils sponsor most varies with
	// the seed but not between runs.
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	r.Shuffle(len(councils), func(i, j int) { councils[i], councils[j] = councils[j], councils[i] })
	return &Generator{seed: seed, councils: councils, topics: ingest.Topics(), words: loadWords()}
}

// roles are job titles as articles write them; ingest.NormalizeRole maps
// them to its vocabulary.
var roles = []string{
	"social worker", "newly qualified social worker", "senior social worker",
	"senior practitioner", "consultant social worker", "advanced practitioner",
	"student social worker", "practice manager", "team manager",
	"operations manager", "principal social worker", "director of children's services",
	"deputy director", "assistant director", "occupational therapist",
	"head of service", "family support worker", "practice educator",
}

// Article plans article number n (from 0). The same generator seed and n
// always give the same article.
func (g *Generator) Article(n int) *Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(n)+1))
	b := &builder{g: g, p: newPicker(r), used: map[string]bool{}, said: map[string]bool{}}
	// Half the articles come from a few prolific sponsors, as in a real
	// magazine archive; the rest are spread evenly.
	ci := b.p.uniform(len(g.councils))
	if b.p.chance(0.5) {
		ci = b.p.zipf(len(g.councils))
	}
	b.council = g.councils[ci]
	a := &Article{
		Number:    n,
		Council:   b.council,
		Published: fmt.Sprintf("%04d-%02d-%02d", b.p.between(2012, 2025), b.p.between(1, 12), b.p.between(1, 28)),
	}
	switch x := b.p.uniform(100); {
	case x < 40:
		b.interview(a)
	case x < 75:
		b.spotlight(a)
	default:
		b.councilVoice(a)
	}
	return a
}

// builder holds the state of one article being written.
type builder struct {
	g       *Generator
	p       *picker
	council ingest.Council
	used    map[string]bool // given names already in the article
	said    map[string]bool // sentences already in the article
}

// person is someone quoted in an article.
type person struct {
	first, last, role string
	introduced        bool
}

func (pp *person) full() string { return pp.first + " " + pp.last }

func (b *builder) newPerson() *person {
	w := b.g.words
	first := w.firstNames[b.p.uniform(len(w.firstNames))]
	for b.used[first] {
		first = w.firstNames[b.p.uniform(len(w.firstNames))]
	}
	b.used[first] = true
	return &person{first: first, last: w.surnames[b.p.uniform(len(w.surnames))], role: roles[b.p.zipf(len(roles))]}
}

func (b *builder) topic() ingest.Topic { return b.g.topics[b.p.uniform(len(b.g.topics))] }

func (b *builder) title(n int, t ingest.Topic) string {
	place := b.council.Short
	label := strings.ToLower(t.Label)
	var s string
	switch b.p.uniform(5) {
	case 0:
		s = "What is it like to be a social worker in " + place + "?"
	case 1:
		s = "How " + place + " supports social workers with " + label
	case 2:
		s = "Why " + label + " matters to " + place + "'s " + b.nounMany()
	case 3:
		s = capitalize(b.fill("A {a} place for {ns} to {v}", t))
	default:
		s = capitalize(b.fill("{ving} {ns} in "+place, t))
	}
	return fmt.Sprintf("Synthetic article %d: %s", n, s)
}

// interview is a "60 seconds with…" piece: a lead paragraph, then one
// interviewee answering five to nine questions, some answers repeated as
// pull quotes.
func (b *builder) interview(a *Article) {
	a.Banner, a.Column, a.Interview = "Employer Zone", "Frontline view", true
	a.Title = b.title(a.Number, b.topic())
	a.Sponsor = "A sponsored feature from " + b.council.Name
	a.Parts = append(a.Parts, b.paragraph(ingest.KindIntro, "narrative", b.topic(), 2, 4))
	who := b.newPerson()
	a.Parts = append(a.Parts, Part{Kind: PartInterviewee,
		Text: fmt.Sprintf("60 seconds with…%s, %s, %s", who.full(), who.role, b.council.Name)})
	for range b.p.between(5, 9) {
		t := b.topic()
		q := b.sentence("question", t)
		answer := b.sentences("speaker", t, 2, 6)
		a.Parts = append(a.Parts, Part{Kind: PartQA, Passage: ingest.KindQA, Question: q,
			Text: strings.Join(answer, " "), Speaker: who.full(), Role: who.role, Topic: t.ID,
			Sentences: append([]string{q}, answer...)})
		if b.p.chance(0.3) {
			pull := answer[b.p.uniform(len(answer))]
			a.Parts = append(a.Parts, Part{Kind: PartPullQuote, Text: "“" + strings.TrimSuffix(pull, ".") + "”"})
		}
	}
	b.maybeComments(a, 0.25)
}

// spotlight is a feature in sections: narrative paragraphs and quotations
// from two to four staff, under headings, sometimes with a list.
func (b *builder) spotlight(a *Article) {
	a.Banner, a.Column = "Workforce Insights", "In the spotlight"
	a.Title = b.title(a.Number, b.topic())
	a.Sponsor = "A sponsored feature from " + b.council.Name
	a.Parts = append(a.Parts, b.paragraph(ingest.KindIntro, "narrative", b.topic(), 2, 3))
	people := make([]*person, b.p.between(2, 4))
	for i := range people {
		people[i] = b.newPerson()
	}
	for range b.p.between(3, 5) {
		t := b.topic()
		a.Parts = append(a.Parts, Part{Kind: PartHeading, Text: b.heading(t)})
		for range b.p.between(2, 5) {
			if b.p.chance(0.5) {
				a.Parts = append(a.Parts, b.quotation(people[b.p.uniform(len(people))], b.topic())...)
			} else {
				a.Parts = append(a.Parts, b.paragraph(ingest.KindSection, "narrative", b.topic(), 2, 5))
			}
		}
		if b.p.chance(0.25) {
			a.Parts = append(a.Parts, b.list(b.topic()))
		}
	}
	b.maybeComments(a, 0.25)
}

// councilVoice is the council speaking for itself: narrative paragraphs,
// one or two lists, the vacancies link and often reader comments.
func (b *builder) councilVoice(a *Article) {
	a.Title = b.title(a.Number, b.topic())
	a.Sponsor = "A feature sponsored by " + b.council.Name
	a.Parts = append(a.Parts, b.paragraph(ingest.KindIntro, "narrative", b.topic(), 2, 4))
	lists := b.p.between(1, 2)
	for i := range b.p.between(4, 8) {
		a.Parts = append(a.Parts, b.paragraph(ingest.KindSection, "narrative", b.topic(), 2, 6))
		if lists > 0 && i%2 == 1 {
			a.Parts = append(a.Parts, b.list(b.topic()))
			lists--
		}
	}
	a.Parts = append(a.Parts, Part{Kind: PartFurniture, Text: "View our current vacancies"})
	b.maybeComments(a, 0.6)
}

// paragraph is a narrative paragraph of lo to hi sentences about t.
func (b *builder) paragraph(kind ingest.Kind, section string, t ingest.Topic, lo, hi int) Part {
	s := b.sentences(section, t, lo, hi)
	return Part{Kind: PartParagraph, Passage: kind, Text: strings.Join(s, " "), Topic: t.ID, Sentences: s}
}

// quotation is one or two paragraphs quoting who. The first time someone
// speaks they are introduced by full name and role, either in the
// attribution (“…,” says Jean Ross, principal social worker.) or in a
// sentence of their own before a quotation that runs over two paragraphs
// with no closing mark on the first; later they are called by given name.
func (b *builder) quotation(who *person, t ingest.Topic) []Part {
	quote := func(s []string) Part {
		return Part{Kind: PartParagraph, Passage: ingest.KindQuote, Speaker: who.full(), Role: who.role, Topic: t.ID, Sentences: s}
	}
	if !who.introduced && b.p.chance(0.3) {
		who.introduced = true
		// "…, social worker in Taunton, explains." would name the town as
		// the speaker in ingest today (reported); "in the Taunton team" is
		// read correctly.
		lead := fmt.Sprintf("%s, %s in the %s team, %s.", who.full(), who.role, b.g.words.towns[b.p.zipf(len(b.g.words.towns))],
			[]string{"agrees", "explains", "puts it this way", "is enthusiastic"}[b.p.uniform(4)])
		first, second := quote(b.sentences("speaker", t, 2, 4)), quote(b.sentences("speaker", t, 1, 3))
		first.Text = "“" + strings.Join(first.Sentences, " ")
		second.Text = "“" + strings.Join(second.Sentences, " ") + "”"
		return []Part{{Kind: PartParagraph, Passage: ingest.KindSection, Text: lead, Sentences: []string{lead}}, first, second}
	}
	verb := []string{"says", "adds", "explains", "says", "points out"}[b.p.zipf(5)]
	name := who.first
	if !who.introduced {
		who.introduced = true
		verb, name = "says", who.full()+", "+who.role
	}
	s := b.sentences("speaker", t, 1, 4)
	q := quote(s)
	last := len(s) - 1
	if len(s) > 1 && b.p.chance(0.4) {
		// Attribution after the first sentence: “S1,” says Jean. “S2 S3”
		q.Text = "“" + strings.TrimSuffix(s[0], ".") + ",” " + verb + " " + name + ". “" + strings.Join(s[1:], " ") + "”"
	} else {
		q.Text = "“" + strings.Join(s[:last], " ")
		if last > 0 {
			q.Text += " "
		}
		q.Text += strings.TrimSuffix(s[last], ".") + ",” " + verb + " " + name + "."
	}
	return []Part{q}
}

// list is a lead-in line and three to seven bulleted items.
func (b *builder) list(t ingest.Topic) Part {
	lead := b.sentence("leadin", t)
	items := make([]string, b.p.between(3, 7))
	for i := range items {
		items[i] = b.sentence("item", t)
	}
	return Part{Kind: PartList, Passage: ingest.KindList, Text: lead, Items: items, Topic: t.ID,
		Sentences: append([]string{lead}, items...)}
}

// maybeComments adds one to four reader comments with probability f.
func (b *builder) maybeComments(a *Article, f float64) {
	if !b.p.chance(f) {
		return
	}
	w := b.g.words
	for range b.p.between(1, 4) {
		t := b.topic()
		author := w.firstNames[b.p.uniform(len(w.firstNames))]
		if b.p.chance(0.6) {
			author += " " + w.surnames[b.p.uniform(len(w.surnames))]
		}
		s := b.sentences("comment", t, 1, 4)
		pub := a.Published
		a.Parts = append(a.Parts, Part{Kind: PartComment, Passage: ingest.KindComment, Text: strings.Join(s, " "),
			Speaker: author, Topic: t.ID, Sentences: s,
			Date:  fmt.Sprintf("%s-%02d-%02d", pub[:4], b.p.between(1, 12), b.p.between(1, 28)),
			Clock: fmt.Sprintf("%d:%02d %s", b.p.between(1, 12), b.p.uniform(60), []string{"am", "pm"}[b.p.uniform(2)])})
	}
}

// heading is a short section title: a topic label or a phrase about it.
func (b *builder) heading(t ingest.Topic) string {
	switch b.p.uniform(4) {
	case 0:
		return t.Label
	case 1:
		return capitalize(b.fill("{a} {ns}", t))
	case 2:
		return capitalize(b.fill("{ving} {ns}", t))
	default:
		return capitalize(b.fill("{n} at the {n}", t))
	}
}

func (b *builder) template(section string) string {
	ts := b.g.words.templates[section]
	return ts[b.p.uniform(len(ts))]
}

// sentence is a sentence from a template of section, one the article has
// not used yet when a few tries find one: a repeated paragraph would be
// folded into its first occurrence, as a pull quote is.
func (b *builder) sentence(section string, t ingest.Topic) string {
	var s string
	for range 8 {
		s = capitalize(b.fill(b.template(section), t))
		if !b.said[s] {
			break
		}
	}
	b.said[s] = true
	return s
}

// sentences returns lo to hi sentences.
func (b *builder) sentences(section string, t ingest.Topic, lo, hi int) []string {
	out := make([]string, b.p.between(lo, hi))
	for i := range out {
		out[i] = b.sentence(section, t)
	}
	return out
}

// fill replaces the {slots} of a template with words drawn for topic t.
func (b *builder) fill(tmpl string, t ingest.Topic) string {
	w := b.g.words
	var sb strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			sb.WriteString(tmpl)
			return sb.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			sb.WriteString(tmpl)
			return sb.String()
		}
		sb.WriteString(tmpl[:i])
		switch slot := tmpl[i+1 : i+j]; slot {
		case "n":
			sb.WriteString(w.nouns[b.p.zipf(len(w.nouns))].one)
		case "ns":
			sb.WriteString(b.nounMany())
		case "a":
			sb.WriteString(w.adjectives[b.p.zipf(len(w.adjectives))])
		case "v":
			sb.WriteString(w.verbs[b.p.zipf(len(w.verbs))].base)
		case "vs":
			sb.WriteString(w.verbs[b.p.zipf(len(w.verbs))].third)
		case "ved":
			sb.WriteString(w.verbs[b.p.zipf(len(w.verbs))].past)
		case "ving":
			sb.WriteString(w.verbs[b.p.zipf(len(w.verbs))].ing)
		case "adv":
			sb.WriteString(w.adverbs[b.p.zipf(len(w.adverbs))])
		case "topic":
			if len(t.Phrases) > 0 {
				sb.WriteString(t.Phrases[b.p.zipf(len(t.Phrases))])
			} else {
				sb.WriteString(strings.ToLower(t.Label))
			}
		case "place":
			sb.WriteString(b.council.Short)
		case "town":
			sb.WriteString(w.towns[b.p.zipf(len(w.towns))])
		case "num":
			sb.WriteString(fmt.Sprint(b.p.between(2, 30)))
		case "year":
			sb.WriteString(fmt.Sprint(b.p.between(2010, 2025)))
		default:
			sb.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

func (b *builder) nounMany() string {
	w := b.g.words
	return w.nouns[b.p.zipf(len(w.nouns))].many
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
