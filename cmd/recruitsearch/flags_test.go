package main

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
)

// parseOnly runs cmd's flag and argument parsing with args; the command's
// work is replaced by the runF the constructor was given.
func parseOnly(t *testing.T, cmd *cobra.Command, args ...string) error {
	t.Helper()
	var out bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SilenceErrors = true
	cmd.SilenceUsage = true
	return cmd.ExecuteContext(t.Context())
}

func testApp(env map[string]string) *app {
	var discard bytes.Buffer
	return newApp(strings.NewReader(""), &discard, &discard, mapEnv(env))
}

func TestSearchFlags(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    index.Request
		wantDir string
		json    bool
		usage   bool
	}{
		{
			name: "defaults",
			args: []string{"supervision"},
			want: index.Request{Query: "supervision", Size: 10, Sort: "relevance"},
		},
		{
			name: "repeated filters OR within a facet",
			args: []string{"case loads", "--council", "Kent", "--council", "Medway Council", "--topic", "caseloads",
				"--kind", "qa", "--kind", "quote", "--speaker", "Jean Ross", "-n", "25", "--offset", "50",
				"--sort", "newest", "--collapse", "article", "--json"},
			want: index.Request{Query: "case loads", Filters: map[string][]string{"council": {"Kent", "Medway Council"},
				"topic": {"caseloads"}, "kind": {"qa", "quote"}, "speaker": {"Jean Ross"}},
				Size: 25, From: 50, Sort: "newest", Collapse: "article"},
			json: true,
		},
		{
			name:    "index from the environment",
			env:     map[string]string{envIndex: "/srv/idx"},
			args:    []string{"supervision"},
			want:    index.Request{Query: "supervision", Size: 10, Sort: "relevance"},
			wantDir: "/srv/idx",
		},
		{
			name:    "flag beats the environment",
			env:     map[string]string{envIndex: "/srv/idx"},
			args:    []string{"supervision", "--index", "./mine"},
			want:    index.Request{Query: "supervision", Size: 10, Sort: "relevance"},
			wantDir: "./mine",
		},
		{name: "limit zero", args: []string{"supervision", "--limit", "0"}, usage: true},
		{
			name: "every facet of the registry is a flag",
			args: []string{"x", "--region", "South East", "--year", "2018", "--fact", "caseload_average", "--role", "team manager"},
			want: index.Request{Query: "x", Filters: map[string][]string{"region": {"South East"}, "year": {"2018"},
				"fact": {"caseload_average"}, "role": {"team manager"}}, Size: 10, Sort: "relevance"},
		},
		{name: "blank query", args: []string{"   "}, usage: true},
		{name: "no query", args: []string{}, usage: true},
		{name: "two queries", args: []string{"signs", "safety"}, usage: true},
		{name: "limit not a number", args: []string{"supervision", "--limit", "ten"}, usage: true},
		{name: "unknown flag", args: []string{"supervision", "--colour"}, usage: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testApp(tt.env)
			var got *searchOptions
			cmd := newSearchCmd(a, func(_ context.Context, o *searchOptions) error { got = o; return nil })
			a.attachFlagErrors(cmd)
			err := parseOnly(t, cmd, tt.args...)
			if tt.usage {
				if exitCode(err) != exitUsage {
					t.Fatalf("err = %v (exit %d), want a usage error (exit 2)", err, exitCode(err))
				}
				if got != nil {
					t.Fatal("the search ran despite the usage error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req := got.request(); !reflect.DeepEqual(req, tt.want) {
				t.Errorf("request = %+v, want %+v", req, tt.want)
			}
			if got.json != tt.json {
				t.Errorf("json = %v, want %v", got.json, tt.json)
			}
			if dir := got.index.resolve(a); dir != tt.wantDir {
				t.Errorf("index dir = %q, want %q", dir, tt.wantDir)
			}
		})
	}
}

func TestIngestFlags(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		check func(t *testing.T, o *ingestOptions)
		usage string // part of the usage error's message, or "" for none
	}{
		{
			name: "files and folders with an index",
			args: []string{"a.txt", "articles/", "--index", "idx", "--rebuild"},
			check: func(t *testing.T, o *ingestOptions) {
				if !reflect.DeepEqual(o.paths, []string{"a.txt", "articles/"}) || o.index.dir != "idx" || !o.rebuild {
					t.Errorf("options = %+v", o)
				}
			},
		},
		{
			name: "server with the token from the environment",
			env:  map[string]string{envToken: "s3cret"},
			args: []string{"a.html", "--server", "http://127.0.0.1:8080"},
			check: func(t *testing.T, o *ingestOptions) {
				if o.server != "http://127.0.0.1:8080" || o.token != "s3cret" {
					t.Errorf("server = %q token = %q", o.server, o.token)
				}
			},
		},
		{
			name: "token flag beats the environment",
			env:  map[string]string{envToken: "from-env"},
			args: []string{"a.html", "--server", "http://h", "--token", "from-flag"},
			check: func(t *testing.T, o *ingestOptions) {
				if o.token != "from-flag" {
					t.Errorf("token = %q, want from-flag", o.token)
				}
			},
		},
		{name: "no index anywhere", args: []string{"a.txt"}, usage: "--index"},
		{name: "no path", args: []string{"--index", "idx"}, usage: "PATH"},
		{name: "server without token", args: []string{"a.txt", "--server", "http://h"}, usage: "token"},
		{name: "server and rebuild", env: map[string]string{envToken: "t"}, args: []string{"a.txt", "--server", "http://h", "--rebuild"}, usage: "--rebuild"},
		{name: "server and index", env: map[string]string{envToken: "t"}, args: []string{"a.txt", "--server", "http://h", "--index", "i"}, usage: "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testApp(tt.env)
			var got *ingestOptions
			cmd := newIngestCmd(a, func(_ context.Context, o *ingestOptions) error { got = o; return nil })
			a.attachFlagErrors(cmd)
			err := parseOnly(t, cmd, tt.args...)
			if tt.usage != "" {
				var usage *usageError
				if !errors.As(err, &usage) || !strings.Contains(err.Error(), tt.usage) {
					t.Fatalf("err = %v, want a usage error mentioning %q", err, tt.usage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name             string
		env              map[string]string
		args             []string
		addr, dir, token string
	}{
		{name: "loopback by default", addr: "127.0.0.1:8080"},
		{name: "environment", env: map[string]string{envAddr: "127.0.0.1:9999", envIndex: "/idx", envToken: "tok"},
			addr: "127.0.0.1:9999", dir: "/idx", token: "tok"},
		{name: "flags beat environment", env: map[string]string{envAddr: "127.0.0.1:9999", envIndex: "/idx"},
			args: []string{"--addr", "0.0.0.0:80", "--index", "here"}, addr: "0.0.0.0:80", dir: "here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testApp(tt.env)
			var got *serveOptions
			cmd := newServeCmd(a, func(_ context.Context, o *serveOptions) error { got = o; return nil })
			if err := parseOnly(t, cmd, tt.args...); err != nil {
				t.Fatal(err)
			}
			if got.addr != tt.addr || got.index.resolve(a) != tt.dir || got.token != tt.token {
				t.Errorf("addr %q dir %q token %q, want %q %q %q", got.addr, got.index.resolve(a), got.token, tt.addr, tt.dir, tt.token)
			}
		})
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"serach", "x"}, `unknown command "serach"`},
		{"unknown flag", []string{"articles", "--nope"}, "unknown flag: --nope"},
		{"extra argument", []string{"stats", "extra"}, "takes no arguments"},
		{"show without id", []string{"show"}, "takes one article or passage ID"},
		{"rebuild without index", []string{"rebuild"}, "--index"},
		{"bad log level", []string{"articles", "--log-level", "loud"}, "invalid log level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code() != exitUsage {
				t.Fatalf("exit %d (err %v), want 2", r.code(), r.err)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "recruitsearch: ") || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr = %q, want one line mentioning %q", r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

// TestSearchValuesAsTheAPITakesThem runs searches whose values the index
// judges: the CLI accepts and refuses what GET /api/search does, and
// names its own flag in the message.
func TestSearchValuesAsTheAPITakesThem(t *testing.T) {
	for _, tt := range []struct {
		args []string
		flag string // "" when the search must succeed
	}{
		{[]string{"supervision", "--kind", "QA"}, ""},
		{[]string{"supervision", "--topic", "Supervision"}, ""},
		{[]string{"supervision", "--region", "south east"}, ""},
		{[]string{"caseloads", "--fact", "caseload_average"}, ""},
		{[]string{"supervision", "--kind", "essay"}, "--kind"},
		{[]string{"supervision", "--year", "last"}, "--year"},
		{[]string{"supervision", "--offset", "-1"}, "--offset"},
		{[]string{"supervision", "--limit", "101"}, "--limit"},
		{[]string{"supervision", "--sort", "alphabetical"}, "--sort"},
		{[]string{"supervision", "--collapse", "council"}, "--collapse"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, append([]string{"search"}, tt.args...)...)
			if tt.flag == "" {
				mustSucceed(t, r)
				if strings.HasPrefix(r.stdout, "0 passages") {
					t.Errorf("no hits: %s", r.stdout)
				}
				return
			}
			if r.code() != exitUsage || !strings.HasPrefix(userMessage(r.err), tt.flag+": ") {
				t.Errorf("exit %d, message %q; want exit 2 naming %s", r.code(), userMessage(r.err), tt.flag)
			}
		})
	}
}

// TestNumericFlagsTooLarge: a number too large for its flag, even one too
// large to parse, is refused naming the flag and its bound, never with
// strconv's words.
func TestNumericFlagsTooLarge(t *testing.T) {
	huge := "99999999999999999999"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "x", "--limit", "1000"}, "--limit: must be at most 100 (got 1000)"},
		{[]string{"search", "x", "--limit", huge}, "--limit: must be at most 100 (got " + huge + ")"},
		{[]string{"search", "x", "-n", huge}, "--limit: must be at most 100 (got " + huge + ")"},
		{[]string{"search", "x", "--offset", huge}, "--offset: must be at most 10000 (got " + huge + ")"},
		{[]string{"search", "x", "--offset", "-" + huge}, "--offset: must be at least 0 (got -" + huge + ")"},
		{[]string{"bench", "--articles", huge}, "--articles: must be at most 1000000 (got " + huge + ")"},
		{[]string{"bench", "--articles", "99999999999"}, "--articles must be between 1 and 1000000, got 99999999999"},
		{[]string{"bench", "--clients", huge}, "--clients: must be at most 1024 (got " + huge + ")"},
		{[]string{"bench", "--batch", huge}, "--batch: must be at most 9223372036854775807 (got " + huge + ")"},
		{[]string{"bench", "--seed", huge + "0000"}, "--seed: must be at most 18446744073709551615 (got " + huge + "0000)"},
		{[]string{"bench", "--duration", huge + "h"}, "--duration: must be at most 2562047h47m16.854775807s (got " + huge + "h)"},
		{[]string{"serve", "--every", "3000000h"}, "--every: must be at most 2562047h47m16.854775807s (got 3000000h)"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code() != exitUsage || userMessage(r.err) != tt.want {
				t.Errorf("exit %d, message %q; want exit 2 and %q", r.code(), userMessage(r.err), tt.want)
			}
		})
	}
}
