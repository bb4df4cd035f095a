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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupFilters);
  else setupFilters();
})();
