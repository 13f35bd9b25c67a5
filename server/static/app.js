// recruitsearch page enhancements. The pages work without this file: the
// search form is a plain GET form rendered on the server. With it, results
// and filter counts update as you type or tick, suggestions appear under
// the box, and the URL keeps up so every state can be bookmarked.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("search-form");
  if (form) enhanceSearch(form);

  var target = document.querySelector(".passage.is-target");
  if (target && !location.hash) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
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

    // Fetch the server-rendered page for url and swap in its results and
    // filters, keeping keyboard focus on the same control.
    // While typing, a query that finds nothing (a word half typed) keeps
    // the filters in place rather than emptying the sidebar.
    function load(url, push, typing) {
      if (pending) pending.abort();
      pending = new AbortController();
      var results = document.getElementById("results");
      results.setAttribute("aria-busy", "true");
      var focused = document.activeElement;
      var focusKey = focused && focused.name && focused.type === "checkbox" ? [focused.name, focused.value] : null;
      return fetch(url, { headers: { Accept: "text/html" }, signal: pending.signal })
        .then(function (resp) { return resp.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var nothing = !doc.querySelector("#results .hit") && !doc.querySelector("#results [role=alert]");
          var keep = typing && nothing ? ["results"] : ["results", "facets"];
          keep.forEach(function (id) {
            var fresh = doc.getElementById(id);
            var old = document.getElementById(id);
            if (fresh && old) old.replaceWith(fresh);
          });
          document.title = doc.title;
          if (push && url !== lastURL) history.pushState(null, "", url);
          else history.replaceState(null, "", url);
          lastURL = url;
          if (focusKey) {
            var boxes = form.querySelectorAll('input[type="checkbox"]');
            for (var i = 0; i < boxes.length; i++) {
              if (boxes[i].name === focusKey[0] && boxes[i].value === focusKey[1]) { boxes[i].focus(); break; }
            }
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

    function refresh(push, typing) {
      var url = formURL(typing);
      if (url === lastURL) return;
      load(url, push, typing);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      closeSuggestions();
      var url = formURL();
      load(url, url !== lastURL);
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
      var a = e.target.closest(".pager a, .clear, .did-you-mean a");
      if (!a || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      load(a.getAttribute("href"), true).then(function () {
        document.getElementById("results").scrollIntoView({ block: "start" });
        if (a.closest(".clear, .did-you-mean")) syncInput();
      });
    });
    window.addEventListener("popstate", function () {
      syncInput();
      load(location.pathname + location.search, false);
    });

    function syncInput() {
      input.value = new URLSearchParams(location.search).get("q") || "";
    }

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
