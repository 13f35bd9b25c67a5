package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// writes are the three write requests, each with what a valid call sends.
var writes = []struct {
	name, method, target, body string
}{
	{"ingest", "POST", "/api/articles?filename=kent.txt", "Kent County Council\n\nA title\n\nSome text."},
	{"delete", "DELETE", "/api/articles/kent", ""},
	{"rebuild", "POST", "/api/admin/rebuild", ""},
}

// recordingWriter counts the calls that reach the index.
func recordingWriter(calls *[]string) *fakeWriter {
	return &fakeWriter{
		IngestFunc: func(ctx context.Context, name string, data []byte) (index.AddReport, error) {
			*calls = append(*calls, "ingest "+name+" "+fmt.Sprint(len(data)))
			return index.AddReport{Added: 1, Passages: 3}, nil
		},
		DeleteFunc: func(ctx context.Context, id string) error {
			*calls = append(*calls, "delete "+id)
			return nil
		},
		RebuildFunc: func(ctx context.Context) error {
			*calls = append(*calls, "rebuild")
			return nil
		},
	}
}

func TestWritesRefusedWithoutToken(t *testing.T) {
	var calls []string
	for _, deps := range []Deps{
		{Searcher: &fakeSearcher{}, Writer: recordingWriter(&calls)},            // no token configured
		{Searcher: &fakeSearcher{}, Writer: recordingWriter(&calls), Token: ""}, // explicit empty token
	} {
		h, _ := newTestHandler(t, deps)
		for _, w := range writes {
			for _, auth := range []string{"", "Bearer ", "Bearer s3cret", "Bearer anything"} {
				rec := do(t, h, w.method, w.target, strings.NewReader(w.body), "Authorization", auth)
				if rec.Code != http.StatusForbidden {
					t.Errorf("%s with %q and token %q: status %d, want 403", w.name, auth, deps.Token, rec.Code)
				}
				if e := decodeError(t, rec.Body.Bytes()); e.Code != "writes_disabled" {
					t.Errorf("%s: code %q, want writes_disabled", w.name, e.Code)
				}
			}
		}
	}
	if len(calls) > 0 {
		t.Errorf("writes reached the index: %v", calls)
	}
}

// TestWritesRefusedWithoutDiskIndex: with a token but no writer (serve
// without --index keeps the index in memory), a write would be answered
// 201 and lost at restart; it is refused, saying why.
func TestWritesRefusedWithoutDiskIndex(t *testing.T) {
	h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Token: "s3cret"})
	for _, w := range writes {
		rec := do(t, h, w.method, w.target, strings.NewReader(w.body), "Authorization", "Bearer s3cret")
		if rec.Code != http.StatusConflict {
			t.Errorf("%s: status %d, want 409", w.name, rec.Code)
		}
		e := decodeError(t, rec.Body.Bytes())
		if e.Code != "no_disk_index" || !strings.Contains(e.Message, "--index") {
			t.Errorf("%s: %+v, want no_disk_index naming --index", w.name, e)
		}
	}
}

// TestUnnamedUploadsKeptApart posts two different articles without a
// file name to a real index: both are added and both stay searchable
// (both were once kept as upload.txt, the second replacing the first).
func TestUnnamedUploadsKeptApart(t *testing.T) {
	ix := realIndex(t)
	h, _ := newTestHandler(t, Deps{Searcher: ix, Writer: ix, Token: "tok"})
	for _, word := range []string{"quaggaone", "quaggatwo"} {
		body := "Working in Kent\n\nThe " + word + " team meets every week to plan its work.\n"
		rec := do(t, h, "POST", "/api/articles", strings.NewReader(body), "Authorization", "Bearer tok", "Content-Type", "text/plain")
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"replaced":0`) {
			t.Fatalf("%s: status %d %s; want 201 with nothing replaced", word, rec.Code, rec.Body)
		}
	}
	for _, word := range []string{"quaggaone", "quaggatwo"} {
		res, err := ix.Search(t.Context(), index.Request{Query: word})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: %v hits (%v), want 1", word, res, err)
		}
	}
}

func TestWriteAuth(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		status int
		code   string
	}{
		{"missing", nil, 401, "unauthorized"},
		{"wrong token", []string{"Authorization", "Bearer guess"}, 403, "forbidden"},
		{"token prefix", []string{"Authorization", "Bearer s3cre"}, 403, "forbidden"},
		{"token longer", []string{"Authorization", "Bearer s3cret!"}, 403, "forbidden"},
		{"wrong scheme", []string{"Authorization", "Basic s3cret"}, 403, "forbidden"},
		{"no scheme", []string{"Authorization", "s3cret"}, 403, "forbidden"},
		{"right token", []string{"Authorization", "Bearer s3cret"}, 0, ""},
		{"scheme any case", []string{"Authorization", "bearer s3cret"}, 0, ""},
	}
	for _, w := range writes {
		for _, tt := range tests {
			t.Run(w.name+"/"+tt.name, func(t *testing.T) {
				var calls []string
				h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Writer: recordingWriter(&calls), Token: "s3cret"})
				rec := do(t, h, w.method, w.target, strings.NewReader(w.body), tt.header...)
				if tt.status == 0 {
					if rec.Code >= 300 || len(calls) != 1 {
						t.Fatalf("status %d, writer calls %v; want success and one call", rec.Code, calls)
					}
					return
				}
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
				}
				if e := decodeError(t, rec.Body.Bytes()); e.Code != tt.code {
					t.Errorf("code %q, want %q", e.Code, tt.code)
				}
				if tt.status == 401 && rec.Header().Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				if len(calls) > 0 {
					t.Errorf("writer called: %v", calls)
				}
			})
		}
	}
}

func TestIngest(t *testing.T) {
	auth := []string{"Authorization", "Bearer tok"}
	tests := []struct {
		name     string
		target   string
		header   []string
		body     string
		report   index.AddReport
		err      error
		status   int
		wantName string
		want     []string
	}{
		{name: "filename param", target: "/api/articles?filename=kent.html", body: "<p>x</p>",
			report: index.AddReport{Added: 1, Passages: 4}, status: 201, wantName: "kent.html", want: []string{`"added":1`, `"passages":4`, `"filename":"kent.html"`}},
		{name: "content disposition", target: "/api/articles", header: []string{"Content-Disposition", `attachment; filename="notes.md"`},
			body: "# x", report: index.AddReport{Replaced: 1}, status: 200, wantName: "notes.md", want: []string{`"replaced":1`}},
		{name: "path stripped", target: "/api/articles?filename=../../etc/passwd", body: "x",
			report: index.AddReport{Unchanged: 1}, status: 200, wantName: "passwd"},
		{name: "windows path stripped", target: `/api/articles?filename=C:\docs\kent.txt`, body: "x",
			report: index.AddReport{Added: 1}, status: 201, wantName: "kent.txt"},
		{name: "from content type", target: "/api/articles", header: []string{"Content-Type", "text/html; charset=utf-8"}, body: "<p>x</p>",
			report: index.AddReport{Added: 1}, status: 201, wantName: "upload-31d8e07ec305ac4e.html"},
		{name: "json lines type", target: "/api/articles", header: []string{"Content-Type", "application/x-ndjson"}, body: "{}",
			report: index.AddReport{Added: 1}, status: 201, wantName: "upload-44136fa355b3678a.jsonl"},
		{name: "unknown content type", target: "/api/articles", header: []string{"Content-Type", "image/png"}, body: "x",
			status: 415, want: []string{`"code":"unsupported_media_type"`, `image/png`}},
		{name: "dot dot name", target: "/api/articles?filename=..", body: "x", status: 400, want: []string{`filename:`}},
		{name: "empty file", target: "/api/articles?filename=a.txt", body: "",
			err: &ingest.FileError{Name: "a.txt", Err: ingest.ErrEmpty}, status: 400, wantName: "a.txt", want: []string{`"code":"empty"`, `a.txt: empty file`}},
		{name: "binary", target: "/api/articles?filename=a.txt", body: "\x00\x01",
			err: &ingest.FileError{Name: "a.txt", Err: ingest.ErrBinary}, status: 415, wantName: "a.txt", want: []string{`"code":"binary"`}},
		{name: "no article", target: "/api/articles?filename=a.html", body: "<p></p>",
			err: &ingest.FileError{Name: "a.html", Err: ingest.ErrNoArticle}, status: 422, wantName: "a.html", want: []string{`no article text found`}},
		{name: "partly bad json lines", target: "/api/articles?filename=a.jsonl", body: "{}\nnot json",
			report: index.AddReport{Added: 1, Passages: 2},
			err:    errors.Join(&ingest.FileError{Name: "a.jsonl", Line: 2, Err: errors.New("invalid character 'o'")}),
			status: 201, wantName: "a.jsonl", want: []string{`"added":1`, `"warning":`, `a.jsonl:2`}},
		{name: "read-only index", target: "/api/articles?filename=a.txt", body: "x",
			err: index.ErrReadOnly, status: 403, wantName: "a.txt", want: []string{`"code":"read_only"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotName := ""
			w := &fakeWriter{IngestFunc: func(ctx context.Context, name string, data []byte) (index.AddReport, error) {
				gotName = name
				if string(data) != tt.body {
					t.Errorf("writer got body %q, want %q", data, tt.body)
				}
				return tt.report, tt.err
			}}
			h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Writer: w, Token: "tok"})
			rec := do(t, h, "POST", tt.target, strings.NewReader(tt.body), append(auth, tt.header...)...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if gotName != tt.wantName {
				t.Errorf("writer got name %q, want %q", gotName, tt.wantName)
			}
			mustContain(t, rec.Body.String(), tt.want...)
		})
	}
}

func TestIngestBodyLimit(t *testing.T) {
	called := false
	w := &fakeWriter{IngestFunc: func(ctx context.Context, name string, data []byte) (index.AddReport, error) {
		called = true
		return index.AddReport{}, nil
	}}
	h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Writer: w, Token: "tok", MaxBodyBytes: 1000})
	rec := do(t, h, "POST", "/api/articles?filename=big.txt", strings.NewReader(strings.Repeat("a", 1001)), "Authorization", "Bearer tok")
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413: %s", rec.Code, rec.Body)
	}
	mustContain(t, rec.Body.String(), `1000-byte limit`)
	if called {
		t.Error("an oversized body reached the index")
	}
	rec = do(t, h, "POST", "/api/articles?filename=ok.txt", strings.NewReader(strings.Repeat("a", 1000)), "Authorization", "Bearer tok")
	if rec.Code != http.StatusOK || !called {
		t.Errorf("a body at the limit: status %d, called %v", rec.Code, called)
	}
}

func TestDeleteAndRebuild(t *testing.T) {
	w := &fakeWriter{
		DeleteFunc: func(ctx context.Context, id string) error {
			if id != "kent" {
				return index.ErrNotFound
			}
			return nil
		},
		RebuildFunc: func(ctx context.Context) error { return nil },
	}
	h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Writer: w, Token: "tok"})
	auth := []string{"Authorization", "Bearer tok"}
	if rec := do(t, h, "DELETE", "/api/articles/kent", nil, auth...); rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Errorf("delete: status %d body %q, want 204 and no body", rec.Code, rec.Body)
	}
	rec := do(t, h, "DELETE", "/api/articles/nope", nil, auth...)
	if rec.Code != http.StatusNotFound {
		t.Errorf("delete missing: status %d, want 404", rec.Code)
	}
	mustContain(t, rec.Body.String(), `no article has the id \"nope\"`)
	rec = do(t, h, "POST", "/api/admin/rebuild", nil, auth...)
	if rec.Code != http.StatusOK {
		t.Fatalf("rebuild: status %d: %s", rec.Code, rec.Body)
	}
	mustContain(t, rec.Body.String(), `"status":"rebuilt"`, `"took_ms":`)

	w.RebuildFunc = func(ctx context.Context) error { return errors.New("rename /data/idx.new: permission denied") }
	h, logs := newTestHandler(t, Deps{Searcher: &fakeSearcher{}, Writer: w, Token: "tok"})
	rec = do(t, h, "POST", "/api/admin/rebuild", nil, auth...)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("failed rebuild: status %d", rec.Code)
	}
	mustNotContain(t, rec.Body.String(), "/data/idx.new")
	mustContain(t, logs.String(), "/data/idx.new")
}
