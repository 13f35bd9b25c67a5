package main

import (
	"bytes"
	"context"
	"encoding/json"
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
// its format, and returns the server's report. A JSON lines file with some
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
		return index.AddReport{}, fmt.Errorf("%s: sending to %s: %w", name, c.endpoint.Host, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return index.AddReport{}, fmt.Errorf("%s: reading the server's answer: %w", name, err)
	}
	if resp.StatusCode/100 != 2 {
		return index.AddReport{}, fmt.Errorf("%s: server answered %s: %s", name, resp.Status, serverMessage(body))
	}
	var out struct {
		index.AddReport
		Warning string `json:"warning"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return index.AddReport{}, fmt.Errorf("%s: the server's answer is not the ingest JSON: %w", name, err)
	}
	if out.Warning != "" {
		return out.AddReport, fmt.Errorf("%s: %s", name, out.Warning)
	}
	return out.AddReport, nil
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
