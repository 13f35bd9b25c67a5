package server

import (
	"github.com/recruitsearch/recruitsearch/profile"
)

// claimView is one thing an article says about the council, the passage
// that says it, and the official figure of the same kind beside it, as
// the profile page shows them. The claims themselves, and how they are
// checked, are the profile package's.
type claimView struct {
	Type         string // fact type, e.g. "caseload_average"
	TypeLabel    string
	Said         string // the article's words, e.g. "an average of 17 cases"
	Value        string // the claim in short, e.g. "17 cases"
	PassageURL   string
	ArticleTitle string
	ArticleDate  string // as published: "2018", "4 March 2021"; "" if undated
	Official     string // the figure beside it, e.g. "DfE, 30 September 2018: 18.9 cases per case-holding FTE"; "" when none applies
	OfficialURL  string // where that figure comes from, when it has its own page
	Comparison   string // how the two compare, or why the claim cannot be checked
}

// claimViews prepares a profile's claims for the page.
func claimViews(claims []profile.Claim) []claimView {
	out := make([]claimView, 0, len(claims))
	for _, c := range claims {
		v := claimView{
			Type: c.Type, TypeLabel: facetLabel("fact", c.Type), Said: c.Text, Value: claimValue(c),
			PassageURL: passageLink(c.ArticleID, c.PassageID), ArticleTitle: c.ArticleTitle,
			ArticleDate: humanDate(c.ArticleDate), Comparison: c.Comparison,
		}
		if c.Official != nil {
			v.Official, v.OfficialURL = c.Official.Label, c.Official.URL
		}
		out = append(out, v)
	}
	return out
}

// claimValue is a claim in short: "17 cases", "15–18 cases", "Signs of Safety".
func claimValue(c profile.Claim) string {
	v := c.Value.String()
	if c.Max != nil {
		v += "–" + figureText(*c.Max)
	}
	if c.Unit != "" {
		v += " " + c.Unit
	}
	return v
}
