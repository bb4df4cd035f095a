// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Timeline filters: the links lead to pre-rendered pages; with script, filter in place instead.
  function setupFilters() {
    var timeline = document.querySelector(".timeline");
    var filters = document.querySelector(".filters");
    if (!timeline || !filters || !document.querySelector(".overview")) return;
    var empty = document.querySelector(".filter-empty");
    var state = { year: null, outlet: null };

    function apply() {
      var shown = 0;
      timeline.querySelectorAll(".entry").forEach(function (entry) {
        var okYear = !state.year || entry.getAttribute("data-year") === state.year;
        var outlets = (entry.getAttribute("data-outlets") || "").split(" ");
        var okOutlet = !state.outlet || outlets.indexOf(state.outlet) !== -1;
        entry.hidden = !(okYear && okOutlet);
        if (!entry.hidden) shown += 1;
      });
      timeline.querySelectorAll(".month, .year").forEach(function (group) {
        group.hidden = !group.querySelector(".entry:not([hidden])");
      });
      if (empty) empty.hidden = shown !== 0;
      filters.querySelectorAll("a").forEach(function (link) {
        var year = link.getAttribute("data-filter-year");
        var outlet = link.getAttribute("data-filter-outlet");
        var current = link.hasAttribute("data-filter-all")
          ? !state.year && !state.outlet
          : (year !== null && year === state.year) || (outlet !== null && outlet === state.outlet);
        if (current) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
    }

    filters.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      if (link.hasAttribute("data-filter-all")) {
        state.year = null;
        state.outlet = null;
      } else if (link.hasAttribute("data-filter-year")) {
        var year = link.getAttribute("data-filter-year");
        state.year = state.year === year ? null : year;
      } else if (link.hasAttribute("data-filter-outlet")) {
        var outlet = link.getAttribute("data-filter-outlet");
        state.outlet = state.outlet === outlet ? null : outlet;
      }
      apply();
    });
  }

  // Search: load Pagefind UI from this site's own /pagefind/ folder. A large site's index comes in
  // shards listed in pagefind/shards.json; the first one's UI searches them all (mergeIndex).
  function setupSearch() {
    var box = document.getElementById("search");
    if (!box) return;
    var root = box.getAttribute("data-bundle");
    var base = box.getAttribute("data-base") || "/";
    function unavailable() {
      var note = document.createElement("p");
      note.className = "noscript";
      note.textContent = box.getAttribute("data-unavailable");
      box.appendChild(note);
    }
    function load(bundles) {
      var first = bundles[0];
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = first + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = first + "pagefind-ui.js";
      script.onload = function () {
        if (typeof window.PagefindUI !== "function") return unavailable();
        new window.PagefindUI({
          element: "#search",
          bundlePath: first,
          baseUrl: base,
          mergeIndex: bundles.slice(1).map(function (bundle) {
            return { bundlePath: bundle, baseUrl: base };
          }),
          showImages: false,
          resetStyles: false
        });
        var input = box.querySelector("input");
        if (input) input.setAttribute("aria-label", box.getAttribute("data-label"));
      };
      script.onerror = unavailable;
      document.head.appendChild(script);
    }
    var shards = window.fetch ? window.fetch(root + "shards.json") : Promise.reject(new Error("no fetch"));
    shards
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (listing) {
        var names = listing && listing.bundles && listing.bundles.length ? listing.bundles : [""];
        load(names.map(function (name) { return root + name; }));
      })
      .catch(function () { load([root]); });
  }

  function start() {
    setupFilters();
    setupSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
