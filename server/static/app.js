// recruitsearch page enhancements. The pages work without this file: the
// search form is a plain GET form rendered on the server. With it, results
// and filter counts update as you type or tick, suggestions appear under
// the box, and the URL keeps up so every state can be bookmarked.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("search-form");
  if (form) enhanceSearch(form);

  enhanceCitations();

  var target = document.querySelector(".passage.is-target");
  if (target && !location.hash) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  // Citations are text in a <details> without scripts; with them each
  // form gets a Copy button.
  function enhanceCitations() {
    if (!navigator.clipboard) return;
    document.addEventListener("click", function (e) {
      var button = e.target.closest(".cite-copy");
      if (!button) return;
      var pre = button.parentElement.nextElementSibling;
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      }, function () {
        button.textContent = "Select and copy";
      });
    });
    unhideCopy(document);
  }

  function unhideCopy(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll(".cite-copy").forEach(function (b) { b.hidden = false; });
  }

  function enhanceSearch(form) {
    var input = document.getElementById("q");
    var list = document.getElementById("suggestions");
    var pending = null; // AbortController of the results request in flight
    var typingTimer = 0;
    var suggestTimer = 0;
    var lastURL = location.pathname + location.search;

    // The URL the form describes, without empty values. While the query
    // is being typed its last word is completed (prefix=true: "superv"
    // finds supervision); a submitted query is searched as typed.
    function formURL(typing) {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (String(value).trim() !== "") params.append(key, value);
      });
      if (typing && params.get("q")) params.set("prefix", "true");
      var qs = params.toString();
      return "/" + (qs ? "?" + qs : "");
    }

    // Fetch the server-rendered page for url and swap in its results,
    // the heading and chips above them, the filters and the count of them
    // applied on the phone's Filters button. Keyboard focus
    // stays on the control that had it (a filter, Sort, "One result per
    // article"), or, when that control is gone (a pager or "Did you mean"
    // link, a chip), moves to the results heading: never to <body>.
    // While typing, a query that finds nothing (a word half typed) keeps
    // the filters in place rather than emptying the sidebar.
    // history: "push" adds an entry, "replace" changes the current one.
    function load(url, history_, typing, focusHeading) {
      if (pending) pending.abort();
      pending = new AbortController();
      var results = document.getElementById("results");
      results.setAttribute("aria-busy", "true");
      var focused = document.activeElement;
      var focusKey = null;
      if (focused && focused.id && form.contains(focused) && focused.matches("select, input")) focusKey = ["#", focused.id];
      if (focused && focused.name && focused.type === "checkbox" && focused.closest("#facets")) focusKey = [focused.name, focused.value];
      return fetch(url, { headers: { Accept: "text/html" }, signal: pending.signal })
        .then(function (resp) { return resp.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var nothing = !doc.querySelector("#results .hit") && !doc.querySelector("#results [role=alert]");
          var keep = typing && nothing ? ["results-top", "filters-count", "results"] : ["results-top", "filters-count", "results", "facets"];
          keep.forEach(function (id) {
            var fresh = doc.getElementById(id);
            var old = document.getElementById(id);
            if (fresh && old) old.replaceWith(fresh);
          });
          document.title = doc.title;
          if (history_ === "push" && url !== lastURL) history.pushState(null, "", url);
          else history.replaceState(null, "", url);
          lastURL = url;
          announce();
          unhideCopy(document.getElementById("results"));
          if (focusHeading) {
            focusResultsHeading();
          } else if (focusKey) {
            var back = null;
            if (focusKey[0] === "#") {
              back = document.getElementById(focusKey[1]);
            } else {
              var boxes = form.querySelectorAll('#facets input[type="checkbox"]');
              for (var i = 0; i < boxes.length; i++) {
                if (boxes[i].name === focusKey[0] && boxes[i].value === focusKey[1]) { back = boxes[i]; break; }
              }
            }
            if (back) back.focus();
            else if (document.activeElement === document.body || !document.activeElement) focusResultsHeading();
          }
        })
        .catch(function (err) {
          if (err.name !== "AbortError") location.href = url; // fall back to a full page load
        })
        .finally(function () {
          var r = document.getElementById("results");
          if (r) r.setAttribute("aria-busy", "false");
        });
    }

    // announce puts the one-line summary of the results in the live
    // region, which stays in place so screen readers hear each change.
    function announce() {
      var heading = document.getElementById("results-heading");
      var live = document.getElementById("announce");
      if (!heading || !live) return;
      live.textContent = heading.getAttribute("data-announce") || heading.textContent.trim();
    }

    function focusResultsHeading() {
      var heading = document.getElementById("results-heading");
      if (!heading) return;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }

    // History: a typed search is an entry of its own. The first results
    // of a new search push an entry (the "/" it started from stays);
    // while its words are still being typed (each query extends or cuts
    // back the one before) the results replace that entry, so Back does
    // not step through every keystroke. Ticking a filter, Sort, a pager
    // link, each push an entry.
    var typedQuery = null; // the query of the entry being typed, null when none

    function related(a, b) {
      a = a.toLowerCase(); b = b.toLowerCase();
      return a.indexOf(b) === 0 || b.indexOf(a) === 0;
    }

    function refresh(push, typing) {
      var url = formURL(typing);
      if (url === lastURL) return;
      if (typing) {
        var q = input.value.trim();
        if (q === "") return; // an emptied box keeps the results it had until something new is typed
        var mode = typedQuery !== null && related(typedQuery, q) ? "replace" : "push";
        typedQuery = q;
        load(url, mode, true);
        return;
      }
      typedQuery = null;
      load(url, push ? "push" : "replace");
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      closeSuggestions();
      var url = formURL();
      // Enter on what was being typed settles that entry; anything else
      // is a new one.
      var mode = typedQuery !== null && related(typedQuery, input.value.trim()) ? "replace" : "push";
      typedQuery = null;
      load(url, url !== lastURL ? mode : "replace");
    });
    form.addEventListener("change", function (e) {
      if (!e.target.matches('input[type="checkbox"], select')) return;
      // A box ticked by a council:… clause typed in the search box is
      // unticked by taking the clause out of the box.
      if (e.target.type === "checkbox" && !e.target.checked && e.target.hasAttribute("data-typed")) {
        input.value = dropClauses(input.value, e.target.name);
      }
      refresh(true);
    });

    // dropClauses removes the name:value clauses of one facet from a query.
    function dropClauses(q, name) {
      var clause = new RegExp("(^|\\s)" + name + ':("[^"]*"?|\\S+)', "gi");
      return q.replace(clause, " ").replace(/\s+/g, " ").trim();
    }

    form.addEventListener("click", function (e) {
      var a = e.target.closest(".pager a, .clear, .did-you-mean a, .chip, .broaden a");
      if (!a || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      typedQuery = null;
      load(a.getAttribute("href"), "push", false, true).then(syncInput);
    });
    window.addEventListener("popstate", function () {
      syncInput();
      typedQuery = null;
      load(location.pathname + location.search, "replace");
    });

    function syncInput() {
      input.value = new URLSearchParams(location.search).get("q") || "";
    }

    // Phones: the filters fold behind a "Filters" button (the <details>
    // summary), open when the page is read without scripts. Wider
    // screens always show them. Until the filters are marked fitted, CSS
    // keeps them hidden on a phone, so folding them shifts nothing.
    var filters = document.getElementById("filters");
    var wide = window.matchMedia("(min-width: 761px)");
    function fitFilters() {
      if (!filters) return;
      filters.open = wide.matches;
      filters.classList.add("fitted");
    }
    fitFilters();
    wide.addEventListener("change", fitFilters);

    input.addEventListener("input", function () {
      clearTimeout(typingTimer);
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(suggest, 90);
      typingTimer = setTimeout(function () { refresh(false, true); }, 350);
    });

    // Suggestions: a listbox under the box, driven by arrow keys.
    var active = -1;
    var suggestSeq = 0;

    function currentWord() {
      var m = input.value.match(/(\S+)$/);
      return m ? m[1].replace(/^[-+"(]+/, "") : "";
    }

    function suggest() {
      var word = currentWord();
      if (word.length < 2) { closeSuggestions(); return; }
      var seq = ++suggestSeq;
      fetch("/api/suggest?" + new URLSearchParams({ q: word, n: "8" }), { headers: { Accept: "application/json" } })
        .then(function (resp) { return resp.ok ? resp.json() : { suggestions: [] }; })
        .then(function (data) {
          if (seq !== suggestSeq) return;
          // A suggestion that is just what was typed adds nothing.
          var typed = word.toLowerCase();
          list.dataset.word = word; // which word they complete
          showSuggestions((data.suggestions || []).filter(function (s) { return s.text.toLowerCase() !== typed; }));
        })
        .catch(function () { closeSuggestions(); });
    }

    function showSuggestions(items) {
      list.replaceChildren();
      active = -1;
      items.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = "suggestion-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.text = s.text;
        if (s.apply) li.dataset.apply = s.apply;
        var text = document.createElement("span");
        text.className = "suggestion-text";
        text.textContent = s.text; // text, never markup
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = s.kind;
        li.append(text, kind);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.append(li);
      });
      var open = items.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      input.removeAttribute("aria-activedescendant");
    }

    function closeSuggestions() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(i) {
      var items = list.children;
      if (!items.length) return;
      active = (i + items.length) % items.length;
      for (var j = 0; j < items.length; j++) items[j].setAttribute("aria-selected", String(j === active));
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function choose(i) {
      var li = list.children[i];
      if (!li) return;
      var text = li.dataset.text;
      var words = input.value.replace(/\S+$/, "");
      if (li.dataset.apply) {
        // A topic is applied as a topic: clause; words typed before it
        // that are words of its name go with it ("flexible wor").
        var named = text.toLowerCase().split(/\s+/);
        var kept = words.trim().split(/\s+/);
        while (kept.length && named.indexOf(kept[kept.length - 1].toLowerCase()) >= 0) kept.pop();
        words = kept.join(" ") + (kept.length && kept[0] ? " " : "");
        text = li.dataset.apply;
      } else if (/\s/.test(text)) {
        text = '"' + text + '"';
      }
      input.value = words + text + " ";
      closeSuggestions();
      input.focus();
      clearTimeout(typingTimer);
      refresh(true);
    }

    input.addEventListener("keydown", function (e) {
      var open = !list.hidden;
      if (e.key === "ArrowDown" && open) { e.preventDefault(); highlight(active + 1); }
      else if (e.key === "ArrowUp" && open) { e.preventDefault(); highlight(active - 1); }
      else if (e.key === "Enter" && open && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape" && open) { e.preventDefault(); closeSuggestions(); }
    });
    input.addEventListener("blur", function () { setTimeout(closeSuggestions, 100); });
  }
})();
