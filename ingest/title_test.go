package ingest

import (
	"context"
	"testing"
)

// TestTitleEndingLikeAnEmployer keeps a title that ends in an employer's
// word as the title, while an organisation's name above a banner line is
// still read as the sponsor.
func TestTitleEndingLikeAnEmployer(t *testing.T) {
	tests := []struct {
		first, title, sponsor string
	}{
		{"A great place for assessments to trust", "A great place for assessments to trust", ""},
		{"Supporting families in Belfast Trust", "Supporting families in Belfast Trust", ""},
		{"Why we joined the partnership", "Why we joined the partnership", ""},
		{"Harbourside Children's Trust", "Pods that work", "Harbourside Children's Trust"},
		{"Vale of Harbourside Council", "Pods that work", "Vale of Harbourside Council"},
	}
	for _, tt := range tests {
		t.Run(tt.first, func(t *testing.T) {
			text := tt.first + "\nFrontline view\n\nPods that work\n\nEvery social worker in the pod meets each week with the manager.\n"
			if tt.title == tt.first {
				text = tt.first + "\nFrontline view\n\nEvery social worker in the pod meets each week with the manager.\n"
			}
			doc, err := parseText(context.Background(), "t.txt", text)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.Sponsor != tt.sponsor {
				t.Errorf("title %q, sponsor %q; want %q, %q", doc.Title, doc.Sponsor, tt.title, tt.sponsor)
			}
		})
	}
}
