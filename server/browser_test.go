package server

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium to drive. Without one the browser tests
// skip, unless CI=true, where a missing browser is a failure.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("no chromium binary found and CI=true: install Debian's chromium")
	}
	tb.Skip("no chromium binary found; install Debian's chromium to run the browser tests")
	return ""
}

// browser is one headless Chromium tab with what the page logged and
// whether any script opened a dialog.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	logs    []string
	dialogs []string
}

// newBrowser starts a fresh headless Chromium for the test.
// browsePages starts a browser and a page server over the seed corpus,
// and skips the test in -short mode.
func browsePages(t *testing.T) (*browser, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	return newBrowser(t), pageServer(t)
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)

	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev, err := range chromedp.Events(ctx, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.logs = append(b.logs, string(ev.Entry.Level)+": "+ev.Entry.Text)
			b.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			_, _ = chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

// do runs actions and fails the test on error.
func (b *browser) do(t *testing.T, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v\nbrowser log:\n%s", step, err, strings.Join(b.logLines(), "\n"))
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is true.
func (b *browser) waitFor(t *testing.T, what, predicate string) {
	t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		html, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
		t.Fatalf("waiting for %s (%s): %v\npage text:\n%s\nbrowser log:\n%s", what, predicate, err, html, strings.Join(b.logLines(), "\n"))
	}
}

func (b *browser) logLines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.logs...)
}

func (b *browser) dialogsOpened() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...)
}

// screenshot saves the page as a PNG under dir and checks it is a real,
// non-trivial image (size, not pixels). RECRUITSEARCH_SCREENSHOTS=dir keeps
// copies for a person to look at.
func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s is not a PNG: %v", name, err)
	}
	if bounds := img.Bounds(); bounds.Dx() < 300 || bounds.Dy() < 300 || len(buf) < 20_000 {
		t.Errorf("screenshot %s is %dx%d, %d bytes: too small to show a rendered page", name, bounds.Dx(), bounds.Dy(), len(buf))
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("RECRUITSEARCH_SCREENSHOTS"); keep != "" {
		_ = os.WriteFile(filepath.Join(keep, name+".png"), buf, 0o644)
	}
}

// pageServer serves browserDeps (the seeds and a hostile article) over
// HTTP for the browser, and returns its address.
func pageServer(t *testing.T) string {
	t.Helper()
	h, _ := newTestHandler(t, browserDeps(t))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// scriptsOff turns JavaScript off for the pages opened from now on.
func (b *browser) scriptsOff(t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
}

// checkNothingInjected fails when a script an article smuggled in ran
// (it opens a dialog) or when pages broke their Content-Security-Policy.
func (b *browser) checkNothingInjected(t *testing.T, pages string) {
	t.Helper()
	if d := b.dialogsOpened(); len(d) > 0 {
		t.Errorf("a script ran: dialogs %v", d)
	}
	if v := b.cspViolations(); len(v) > 0 {
		t.Errorf("%s broke the Content-Security-Policy:\n%s", pages, strings.Join(v, "\n"))
	}
}

// cspViolations are the browser's complaints about the Content-Security-Policy.
func (b *browser) cspViolations() []string {
	var out []string
	for _, l := range b.logLines() {
		if strings.Contains(l, "Content Security Policy") {
			out = append(out, l)
		}
	}
	return out
}

func TestBrowser(t *testing.T) {
	b, base := browsePages(t)
	shots := t.TempDir()

	// Type into the box: suggestions appear, then live results with highlights.
	b.do(t, "open search page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "superv"),
	)
	// Typed a key at a time, the box asks for suggestions as it goes; on a
	// loaded machine those for "su" can show before those for "superv".
	b.waitFor(t, "suggestions", `document.getElementById('suggestions').dataset.word === 'superv' && document.querySelectorAll('#suggestions [role=option]').length > 0 && !document.getElementById('suggestions').hidden`)
	if got := eval[string](t, b, `document.querySelector('#suggestions [role=option]').textContent`); !strings.Contains(strings.ToLower(got), "supervision") {
		t.Errorf("first suggestion for %q is %q, want supervision", "superv", got)
	}
	b.screenshot(t, shots, "1-suggestions")
	b.do(t, "finish typing", chromedp.SendKeys(chromedp.ID("q"), "ision"))
	b.waitFor(t, "live results", `location.search.includes('q=supervision') && document.querySelectorAll('.hit mark').length > 0`)
	totalBefore := eval[string](t, b, `document.querySelector('.summary strong').textContent`)
	markText := eval[string](t, b, `document.querySelector('.hit mark').textContent`)
	if !strings.EqualFold(markText, "supervision") {
		t.Errorf("highlighted %q, want supervision", markText)
	}
	councils := eval[[]string](t, b, `[...new Set([...document.querySelectorAll('.hit-council')].map(e => e.textContent))]`)
	if len(councils) < 2 {
		t.Fatalf("results before filtering come from %v, want several councils", councils)
	}
	kindCountsBefore := eval[string](t, b, `document.querySelector('.facet-kind').innerText`)
	b.screenshot(t, shots, "2-results")

	// Tick a council: the list and the counts change, the URL keeps up.
	chosen := councils[len(councils)-1]
	box := fmt.Sprintf(`input[name=council][value=%q]`, chosen)
	b.do(t, "tick "+chosen, chromedp.Click(chromedp.CSS(box)))
	b.waitFor(t, "filtered results", fmt.Sprintf(`location.search.includes('council=') && document.querySelectorAll('.hit').length > 0 && [...document.querySelectorAll('.hit-council')].every(e => e.textContent === %q)`, chosen))
	after := eval[int](t, b, `document.querySelectorAll('.hit').length`)
	total := eval[string](t, b, `document.querySelector('.summary strong').textContent`)
	if after == 0 || total == totalBefore {
		t.Errorf("ticking %s left %d hits, total %s (before %s); want fewer but some", chosen, after, total, totalBefore)
	}
	if kindCountsAfter := eval[string](t, b, `document.querySelector('.facet-kind').innerText`); kindCountsAfter == kindCountsBefore {
		t.Errorf("kind counts did not change after ticking a council:\n%s", kindCountsAfter)
	}
	if !eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).checked`, box)) {
		t.Error("the ticked council is not checked after the update")
	}
	// The other councils stay offered (values OR within a facet).
	if n := eval[int](t, b, `document.querySelectorAll('input[name=council]').length`); n < len(councils) {
		t.Errorf("after ticking one council the facet offers %d councils, want at least %d", n, len(councils))
	}
	b.screenshot(t, shots, "3-filtered")

	// Open the hit: the article page with the passage marked and in view.
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.hit-title a`)))); err != nil {
		t.Fatalf("opening the hit: %v", err)
	}
	b.waitFor(t, "article page", `location.pathname.startsWith('/articles/') && document.querySelector('.passage.is-target') !== null`)
	hash := eval[string](t, b, `location.hash`)
	target := eval[string](t, b, `document.querySelector('.passage.is-target').id`)
	if "#"+target != hash {
		t.Errorf("marked passage %q does not match the URL fragment %q", target, hash)
	}
	if bg := eval[string](t, b, `getComputedStyle(document.querySelector('.passage.is-target')).backgroundColor`); bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("target passage has no highlight background (%q)", bg)
	}
	if !eval[bool](t, b, `(() => { const r = document.querySelector('.passage.is-target').getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0 })()`) {
		t.Error("the linked passage is not scrolled into view")
	}
	b.screenshot(t, shots, "4-article")

	// The heat map.
	b.do(t, "open compare", chromedp.Navigate(base+"/compare"), chromedp.WaitVisible(chromedp.CSS(`table.heatmap`)))
	cells := eval[int](t, b, `document.querySelectorAll('table.heatmap td.heat a').length`)
	rows := eval[int](t, b, `document.querySelectorAll('table.heatmap tbody tr').length`)
	if cells == 0 || rows < 2 {
		t.Errorf("heat map has %d rows and %d linked cells", rows, cells)
	}
	href := eval[string](t, b, `document.querySelector('table.heatmap td.heat a').getAttribute('href')`)
	if !strings.Contains(href, "council=") || !strings.Contains(href, "topic=") {
		t.Errorf("heat map cell links to %q, want a council and topic search", href)
	}
	b.screenshot(t, shots, "5-compare")

	// Hostile text is shown as text; no script runs.
	b.do(t, "search hostile", chromedp.Navigate(base+"/?q=zebracrossing"), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	snippet := eval[string](t, b, `[...document.querySelectorAll('.hit')].map(h => h.innerText).join('\n')`)
	if !strings.Contains(snippet, scriptXSS) || !strings.Contains(snippet, imgXSS) {
		t.Errorf("hostile text not shown literally in results:\n%s", snippet)
	}
	if n := eval[int](t, b, `document.querySelectorAll('#results script, #results img, #results [onerror]').length`); n != 0 {
		t.Errorf("%d script/img elements were injected into the results", n)
	}
	b.screenshot(t, shots, "6-hostile-results")
	eval[chromedp.Void](t, b, `document.getElementById("q").value = ""`)
	b.do(t, "suggest hostile", chromedp.SendKeys(chromedp.ID("q"), "Evil"))
	b.waitFor(t, "hostile suggestion", `[...document.querySelectorAll('#suggestions [role=option]')].some(o => o.textContent.includes('<img src=x onerror=alert(1)>'))`)
	if n := eval[int](t, b, `document.querySelectorAll('#suggestions script, #suggestions img').length`); n != 0 {
		t.Errorf("%d elements injected into the suggestions", n)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Navigate(base+"/?q=zebracrossing"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.hit-title a`)))); err != nil {
		t.Fatalf("opening the hostile article: %v", err)
	}
	b.do(t, "hostile article", chromedp.WaitVisible(chromedp.CSS(`.article`)))
	if text := eval[string](t, b, `document.querySelector('.article').innerText`); !strings.Contains(text, scriptXSS) || !strings.Contains(text, imgXSS) {
		t.Errorf("hostile article text not shown literally:\n%s", clip(text, 1500))
	}
	if n := eval[int](t, b, `document.querySelectorAll('.article script, .article img').length`); n != 0 {
		t.Errorf("%d elements injected into the article view", n)
	}
	b.screenshot(t, shots, "7-hostile-article")
	time.Sleep(300 * time.Millisecond) // let any injected handler fire
	b.checkNothingInjected(t, "the pages")
	for _, l := range b.logLines() {
		if strings.Contains(l, "Permissions-Policy") {
			t.Errorf("the browser refused part of the Permissions-Policy: %s", l)
		}
	}
}

// TestBrowserWithoutJavaScript checks the page is a plain working form:
// with scripts off, submitting renders results on the server.
func TestBrowserWithoutJavaScript(t *testing.T) {
	b, base := browsePages(t)
	b.scriptsOff(t)
	b.do(t, "open", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil,
		chromedp.SendKeys(chromedp.ID("q"), "supervision\n"))); err != nil {
		t.Fatal(err)
	}
	b.do(t, "results", chromedp.WaitVisible(chromedp.CSS(`.hit mark`)))
	if js := eval[bool](t, b, `document.documentElement.classList.contains('js')`); js {
		t.Fatal("scripts ran although disabled")
	}
	if !eval[bool](t, b, `getComputedStyle(document.querySelector('.apply-filters')).display !== 'none'`) {
		t.Error("without JavaScript the Apply filters button must show")
	}
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Steps(
		chromedp.Click(chromedp.CSS(`input[name=council][value="Kent County Council"]`)),
		chromedp.Click(chromedp.CSS(`.apply-filters`)),
	))); err != nil {
		t.Fatal(err)
	}
	loc := eval[string](t, b, `location.search`)
	if !strings.Contains(loc, "council=Kent") || !strings.Contains(loc, "q=supervision") {
		t.Errorf("the plain form submitted %q", loc)
	}
	councils := eval[[]string](t, b, `[...document.querySelectorAll('.hit-council')].map(e => e.textContent)`)
	if len(councils) == 0 || !allEqual(councils, "Kent County Council") {
		t.Errorf("filtered without JavaScript, hits come from %v", councils)
	}
	// Narrow phone width: the page still lays out in one column.
	b.do(t, "phone", chromedp.EmulateViewport(390, 844))
	if w := eval[int](t, b, `document.documentElement.scrollWidth`); w > 400 {
		t.Errorf("on a 390px phone the page is %dpx wide (horizontal scrolling)", w)
	}
	b.screenshot(t, t.TempDir(), "8-phone-nojs")
}

func allEqual(have []string, want string) bool {
	for _, h := range have {
		if h != want {
			return false
		}
	}
	return true
}

// TestBrowserSearchAsYouType drives the live page through issue 13: the
// last word is completed while typed, the filters stay in place while a
// half-typed word finds nothing, a topic chosen from the suggestions is
// applied as a topic, and a council:… clause typed in the box ticks its
// box and is taken out of the box when the box is unticked.
func TestBrowserSearchAsYouType(t *testing.T) {
	b, base := browsePages(t)

	b.do(t, "type superv", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "superv"))
	b.waitFor(t, "live results for a half-typed word", `location.search.includes('q=superv') && location.search.includes('prefix=true') && document.querySelectorAll('.hit mark').length > 0`)
	if marked := eval[string](t, b, `document.querySelector('.hit mark').textContent`); !strings.HasPrefix(strings.ToLower(marked), "supervis") {
		t.Errorf("typing superv marked %q, want a supervision word", marked)
	}
	facets := eval[int](t, b, `document.querySelectorAll('#facets input[type=checkbox]').length`)
	if facets == 0 {
		t.Fatal("no filters beside the live results")
	}
	b.do(t, "type on into nothing", chromedp.SendKeys(chromedp.ID("q"), "zzqx"))
	b.waitFor(t, "no passages", `location.search.includes('q=supervzzqx') && document.getElementById('results').getAttribute('aria-busy') === 'false' && document.querySelectorAll('.hit').length === 0`)
	if n := eval[int](t, b, `document.querySelectorAll('#facets input[type=checkbox]').length`); n != facets {
		t.Errorf("while a half-typed word finds nothing the sidebar shows %d filters, want the %d it had", n, facets)
	}

	// A topic from the suggestions is applied, not searched as words.
	eval[chromedp.Void](t, b, `document.getElementById("q").value = ""`)
	b.do(t, "type wellb", chromedp.SendKeys(chromedp.ID("q"), "wellb"))
	b.waitFor(t, "topic suggestion", `[...document.querySelectorAll('#suggestions [role=option]')].some(o => o.dataset.apply)`)
	eval[chromedp.Void](t, b, `[...document.querySelectorAll('#suggestions [role=option]')].find(o => o.dataset.apply).dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))`)
	b.waitFor(t, "the topic applied", `document.querySelector('input[name=topic][value=wellbeing-support]') !== null && document.querySelector('input[name=topic][value=wellbeing-support]').checked`)
	if q := eval[string](t, b, `document.getElementById('q').value`); q != `topic:"Wellbeing and support" ` {
		t.Errorf("choosing the topic left the box holding %q", q)
	}
	hits := eval[int](t, b, `document.querySelectorAll('.hit').length`)
	onTopic := eval[int](t, b, `[...document.querySelectorAll('.hit .topics')].filter(u => u.textContent.includes('Wellbeing and support')).length`)
	if hits == 0 || onTopic != hits {
		t.Errorf("after choosing the topic %d hits, %d of them on it", hits, onTopic)
	}

	// council:Medway typed in the box ticks Medway and keeps the others.
	b.do(t, "typed council", chromedp.Navigate(base+"/?q=supervision+council%3AMedway"), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	medway := `input[name=council][value="Medway Council"]`
	if !eval[bool](t, b, `document.querySelector('`+medway+`').checked`) {
		t.Error("council:Medway typed in the box left the Medway box unticked")
	}
	if n := eval[int](t, b, `document.querySelectorAll('input[name=council]').length`); n < 2 {
		t.Errorf("with council:Medway typed the facet offers %d councils, want the others too", n)
	}
	b.do(t, "untick Medway", chromedp.Click(chromedp.CSS(medway)))
	b.waitFor(t, "the clause taken out", `!document.getElementById('q').value.includes('council:') && new Set([...document.querySelectorAll('.hit-council')].map(e => e.textContent)).size > 1`)
	if eval[bool](t, b, `document.querySelector('`+medway+`').checked`) {
		t.Error("Medway is still ticked after unticking it")
	}
}
