package server

import (
	"os"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// viewports are the widths every council page must fit: a desktop and a
// 390px phone.
var viewports = []struct {
	name          string
	width, height int64
}{
	{"desktop", 1280, 900},
	{"phone", 390, 844},
}

// checkFits fails when the page scrolls sideways: wide tables must scroll
// inside their own wrapper.
func (b *browser) checkFits(t *testing.T, where string) {
	t.Helper()
	if w, iw := eval[int](t, b, `document.documentElement.scrollWidth`), eval[int](t, b, `window.innerWidth`); w > iw {
		t.Errorf("%s: the page is %dpx wide in a %dpx window (horizontal scrolling)", where, w, iw)
	}
	// A table's caption says what the table holds; cut off at the
	// window's edge it reads "Latest DfE workforce figures, 30 Septemb".
	clipped := eval[[]string](t, b, `[...document.querySelectorAll('.table-scroll caption')]
		.filter(c => c.getBoundingClientRect().right > window.innerWidth + 1).map(c => c.textContent.trim())`)
	if len(clipped) > 0 {
		t.Errorf("%s: captions run past the window's edge: %q", where, clipped)
	}
}

// open navigates and waits for the page's load event.
func (b *browser) open(t *testing.T, url string) {
	t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Navigate(url))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// checkCouncilPages walks a profile, a comparison and a search with a
// profile card at each viewport; scripts may be on or off.
func checkCouncilPages(t *testing.T, b *browser, base string) {
	for _, vp := range viewports {
		b.do(t, "viewport "+vp.name, chromedp.EmulateViewport(vp.width, vp.height))

		b.open(t, base+"/councils/kent")
		b.do(t, "kent profile", chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
		if got := eval[string](t, b, `document.querySelector('.ofsted-overall').innerText`); !strings.Contains(got, "Outstanding") {
			t.Errorf("%s: Ofsted panel reads %q", vp.name, got)
		}
		desc := eval[string](t, b, `document.querySelector('svg.chart[role=img] desc').textContent`)
		if !strings.Contains(desc, "2024 15.8") || !strings.Contains(desc, "England: 2016 ") {
			t.Errorf("%s: the chart's description does not read out the figures: %q", vp.name, desc)
		}
		if w := eval[float64](t, b, `document.querySelector('svg.chart').getBoundingClientRect().width`); w < 200 || w > float64(vp.width) {
			t.Errorf("%s: the chart is %vpx wide", vp.name, w)
		}
		if n := eval[int](t, b, `document.querySelectorAll('svg.chart .chart-series path').length`); n < 3 {
			t.Errorf("%s: the charts draw %d lines, want the council, its region and England", vp.name, n)
		}
		if n := eval[int](t, b, `document.querySelectorAll('#neighbours tbody tr a[href^="/councils/"]').length`); n != 10 {
			t.Errorf("%s: %d neighbours linked, want 10", vp.name, n)
		}
		b.checkFits(t, vp.name+" /councils/kent")
		b.screenshot(t, t.TempDir(), "profile-"+vp.name)

		b.open(t, base+"/compare?council=kent&council=medway")
		b.do(t, "compare", chromedp.WaitVisible(chromedp.CSS(`.compare-table`)))
		heads := eval[[]string](t, b, `[...document.querySelectorAll('.compare-table thead th')].map(th => th.innerText.trim())`)
		if strings.Join(heads, "|") != "Figure|Kent|Medway|England" {
			t.Errorf("%s: compare columns %v", vp.name, heads)
		}
		if n := eval[int](t, b, `document.querySelectorAll('.compare-charts svg[role=img]').length`); n != 2 {
			t.Errorf("%s: compare page has %d charts, want 2", vp.name, n)
		}
		b.checkFits(t, vp.name+" /compare")

		b.open(t, base+"/?q=kent+supervision")
		b.do(t, "card", chromedp.WaitVisible(chromedp.CSS(`.council-card`)))
		if href := eval[string](t, b, `document.querySelector('.council-card-title a').getAttribute('href')`); href != "/councils/kent" {
			t.Errorf("%s: the card links to %q", vp.name, href)
		}
		if n := eval[int](t, b, `document.querySelectorAll('.hit').length`); n == 0 {
			t.Errorf("%s: no results under the card", vp.name)
		}
		if links := eval[int](t, b, `document.querySelectorAll('.hit-council a[href^="/councils/"]').length`); links == 0 {
			t.Errorf("%s: no council name in the results links to its profile", vp.name)
		}
		b.checkFits(t, vp.name+" search with card")
	}
}

func TestBrowserCouncilPages(t *testing.T) {
	b, base := browsePages(t)

	checkCouncilPages(t, b, base)

	// With scripts on, typing a council's name brings the card in with
	// the live results.
	b.do(t, "desktop", chromedp.EmulateViewport(1280, 900))
	b.open(t, base+"/")
	b.do(t, "type medway", chromedp.WaitVisible(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "medway caseloads"))
	b.waitFor(t, "live card", `location.search.includes('q=medway') && document.querySelector('.council-card-title a[href="/councils/medway"]') !== null`)

	b.checkNothingInjected(t, "the council pages")
}

// TestBrowserCouncilPagesWithoutJavaScript checks the same pages with
// scripts off, and that the compare form works as a plain form.
func TestBrowserCouncilPagesWithoutJavaScript(t *testing.T) {
	b, base := browsePages(t)
	b.scriptsOff(t)

	checkCouncilPages(t, b, base)

	b.open(t, base+"/compare")
	if js := eval[bool](t, b, `document.documentElement.classList.contains('js')`); js {
		t.Fatal("scripts ran although disabled")
	}
	b.do(t, "fill the form",
		chromedp.SetValue(chromedp.ID("council-0"), "Medway Council"),
		chromedp.SetValue(chromedp.ID("council-1"), "walsall"),
	)
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Submit(chromedp.ID("council-0")))); err != nil {
		t.Fatal(err)
	}
	heads := eval[[]string](t, b, `[...document.querySelectorAll('.compare-table thead th')].map(th => th.innerText.trim())`)
	if strings.Join(heads, "|") != "Figure|Medway|Walsall|England" {
		t.Errorf("the plain compare form gave columns %v (at %s)", heads, eval[string](t, b, `location.href`))
	}

	// The README's screenshot: RECRUITSEARCH_PROFILE_PNG=path saves the top
	// of Medway's profile, where its caseload claim sits beside DfE's.
	if out := os.Getenv("RECRUITSEARCH_PROFILE_PNG"); out != "" {
		b.do(t, "screenshot viewport", chromedp.EmulateViewport(1100, 2150, chromedp.EmulateScale(0.65)))
		b.open(t, base+"/councils/medway")
		buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if len(buf) > 300_000 {
			t.Errorf("profile screenshot is %d bytes; keep it under 300 KB", len(buf))
		}
		if err := os.WriteFile(out, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", out, len(buf))
	}
}

// TestBrowserCouncilsNamesStayInView: on a phone the table of councils is
// wider than the window and scrolls sideways inside its box; scrolled to
// its last column, each row still shows which council it is: the name
// column stays at the box's left edge, on a background that hides the
// figures passing under it.
func TestBrowserCouncilsNamesStayInView(t *testing.T) {
	b, base := browsePages(t)
	b.do(t, "phone", chromedp.EmulateViewport(390, 844))
	b.open(t, base+"/councils")
	b.checkFits(t, "phone /councils")
	const box = `document.querySelector('.table-scroll')`
	if over := eval[float64](t, b, `(() => { const s = `+box+`; return s.scrollWidth - s.clientWidth })()`); over < 100 {
		t.Fatalf("at 390px the table is only %vpx wider than its box: nothing to scroll, nothing tested", over)
	}
	eval[chromedp.Void](t, b, box+`.scrollLeft = `+box+`.scrollWidth`)
	b.waitFor(t, "scrolled to the last column", box+`.scrollLeft > 100`)
	left := eval[float64](t, b, box+`.getBoundingClientRect().left`)
	for _, row := range []string{"thead tr", "tbody tr:nth-child(1)", "tbody tr:nth-child(20)"} {
		cell := `document.querySelector('.councils-table ` + row + ` > :first-child')`
		// Bring the row into the window, scrolling the page down only.
		eval[chromedp.Void](t, b, `window.scrollTo(0, window.scrollY + `+cell+`.getBoundingClientRect().top - 300)`)
		got := eval[float64](t, b, cell+`.getBoundingClientRect().left`)
		if got < left-1 || got > left+1 {
			t.Errorf("%s: scrolled sideways, the name cell is at %vpx, the box's left edge at %vpx: the names scroll out of view", row, got, left)
		}
		// What shows at the middle of the name cell is the name, not a
		// figure painted over or through it.
		shown := eval[bool](t, b, `(() => { const c = `+cell+`, r = c.getBoundingClientRect();
			const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return at !== null && c.contains(at) })()`)
		if !shown {
			t.Errorf("%s: scrolled sideways, the name cell is covered by another cell", row)
		}
		if bg := eval[string](t, b, `getComputedStyle(`+cell+`).backgroundColor`); bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
			t.Errorf("%s: the name cell's background is %s: the figures scrolling under it show through", row, bg)
		}
	}
	b.screenshot(t, t.TempDir(), "phone-councils-scrolled")
}
