package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
)

// ingestClient sends source files to a running server's POST /api/articles.
type ingestClient struct {
	endpoint *url.URL
	token    string
	http     *http.Client
}

func newIngestClient(server, token string) (*ingestClient, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageErrorf("--server must be an http(s) URL such as http://127.0.0.1:8080, got %q", server)
	}
	u = u.JoinPath("api", "articles")
	return &ingestClient{endpoint: u, token: token, http: &http.Client{Timeout: 2 * time.Minute}}, nil
}

// ingest posts one file, named by its base name so the server can tell
// its format, and returns the server's report. Its errors do not name the
// file: the caller names it once, by the path the user gave. A JSON lines file with some
// bad lines is ingested in part: the report comes with an error naming it.
func (c *ingestClient) ingest(ctx context.Context, name string, data []byte) (index.AddReport, error) {
	u := *c.endpoint
	u.RawQuery = url.Values{"filename": {filepath.Base(name)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(data))
	if err != nil {
		return index.AddReport{}, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := c.http.Do(req)
	if err != nil {
		return index.AddReport{}, fmt.Errorf("sending to %s: %w", c.endpoint.Host, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return index.AddReport{}, fmt.Errorf("reading the server's answer: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return index.AddReport{}, fmt.Errorf("server answered %s: %s", resp.Status, withoutName(serverMessage(body), filepath.Base(name)))
	}
	var out struct {
		index.AddReport
		Warning string `json:"warning"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return index.AddReport{}, fmt.Errorf("the server's answer is not the ingest JSON: %w", err)
	}
	if out.Warning != "" {
		return out.AddReport, errors.New(withoutName(out.Warning, filepath.Base(name)))
	}
	return out.AddReport, nil
}

// withoutName drops the file's base name from the start of each "; "-joined
// problem the server reports about it ("a.jsonl:3: bad JSON" becomes
// "line 3: bad JSON"), since the caller names the file by its path.
func withoutName(msg, base string) string {
	parts := strings.Split(msg, "; ")
	for i, p := range parts {
		rest, ok := strings.CutPrefix(p, base+":")
		if !ok {
			continue
		}
		if line, after, ok := strings.Cut(rest, ": "); ok && line != "" && strings.Trim(line, "0123456789") == "" {
			parts[i] = "line " + line + ": " + after
		} else {
			parts[i] = strings.TrimPrefix(rest, " ")
		}
	}
	return strings.Join(parts, "; ")
}

// serverMessage is the message of the server's JSON error, or a clipped
// copy of the body when it is not one.
func serverMessage(body []byte) string {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err == nil && e.Error.Message != "" {
		return e.Error.Message
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	if s == "" {
		return "(no message)"
	}
	return s
}
