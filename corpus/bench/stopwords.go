package bench

// englishStopWords are the words of four letters or more, letters only, in
// the stop list of Bleve's English analyzer (analysis/lang/en, Snowball's
// list), which the index's text analyzer drops: a query of them alone
// matches every passage and the index refuses it. The plain mix
// (PlainQueryMix) never draws them; the built-in mix keeps its shorter
// list so that its queries, and the figures logged for them, stay as they
// were.
var englishStopWords = setOf(
	"about", "above", "after", "again", "against", "because", "been", "before", "being", "below",
	"between", "both", "cannot", "could", "does", "doing", "down", "during", "each", "from",
	"further", "have", "having", "here", "hers", "herself", "himself", "into", "itself", "more",
	"most", "myself", "once", "only", "other", "ought", "ours", "ourselves", "over", "same",
	"should", "some", "such", "than", "that", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "this", "those", "through", "under", "until", "very", "were",
	"what", "when", "where", "which", "while", "whom", "with", "would", "your", "yours",
	"yourself", "yourselves",
)

func setOf(words ...string) map[string]bool {
	s := make(map[string]bool, len(words))
	for _, w := range words {
		s[w] = true
	}
	return s
}
