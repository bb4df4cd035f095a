// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function localDigits(n, digits) {
    return String(n).replace(/[0-9]/g, function (d) { return (digits || "0123456789").charAt(Number(d)); });
  }

  function plural(forms, n, lang, digits) {
    var category = n === 0 ? "zero" : new Intl.PluralRules(lang).select(n);
    return (forms[category] || forms.other || "{n}").replace("{n}", localDigits(n, digits));
  }

  // The timeline's filters: year, month range, outlets (several), sources that disagree. The links lead
  // to pre-rendered year and outlet pages; with script they filter in place and the address keeps the
  // view (?from=2016-09&to=2016-10&outlet=a&outlet=b&disagree=1), so it can be shared.
  function setupFilters() {
    var timeline = document.querySelector(".timeline");
    var filters = document.querySelector(".filters");
    var chart = document.querySelector(".chart");
    if (!timeline || !filters || !chart) return;
    var lang = document.documentElement.lang;
    var messages = JSON.parse(filters.getAttribute("data-messages") || "{}");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
    var bars = Array.prototype.slice.call(chart.querySelectorAll(".chart-month"));
    var folds = chart.querySelectorAll(".chart-fold a");
    var form = filters.querySelector(".filter-range");
    var count = document.querySelector(".count");
    var empty = document.querySelector(".filter-empty");
    var band = document.querySelector(".context-band");
    var help = document.querySelector(".chart-help");
    var first = bars.length ? bars[0].getAttribute("data-month") : "";
    var last = bars.length ? bars[bars.length - 1].getAttribute("data-month") : "";
    var state = read(new URL(window.location.href).searchParams);
    var anchor = null;

    function read(params) {
      var year = params.get("year");
      var outlets = [];
      params.getAll("outlet").forEach(function (v) {
        v.split(",").forEach(function (o) { if (o && outlets.indexOf(o) === -1) outlets.push(o); });
      });
      return {
        from: params.get("from") || (year ? year + "-01" : ""),
        to: params.get("to") || (year ? year + "-12" : ""),
        outlets: outlets,
        disagree: params.get("disagree") === "1"
      };
    }

    function write() {
      var url = new URL(window.location.href);
      ["year", "from", "to", "outlet", "disagree"].forEach(function (k) { url.searchParams.delete(k); });
      if (state.from) url.searchParams.set("from", state.from);
      if (state.to) url.searchParams.set("to", state.to);
      state.outlets.forEach(function (o) { url.searchParams.append("outlet", o); });
      if (state.disagree) url.searchParams.set("disagree", "1");
      window.history.replaceState(null, "", url);
    }

    function inRange(month) {
      return (!state.from || month >= state.from) && (!state.to || month <= state.to);
    }

    function passes(entry) {  // every filter but the range
      if (state.disagree && !entry.hasAttribute("data-disagree")) return false;
      if (!state.outlets.length) return true;
      var own = (entry.getAttribute("data-outlets") || "").split(" ");
      return state.outlets.some(function (o) { return own.indexOf(o) !== -1; });
    }

    function apply() {
      var shown = 0, perMonth = {}, earlier = 0, later = 0;
      entries.forEach(function (entry) {
        var month = entry.getAttribute("data-month");
        var ok = passes(entry);
        if (ok) {
          if (entry.hasAttribute("data-context") || month < first) earlier += 1;
          else if (month > last) later += 1;
          else perMonth[month] = (perMonth[month] || 0) + 1;
        }
        entry.hidden = !(ok && inRange(month));
        if (!entry.hidden) shown += 1;
      });
      timeline.querySelectorAll(".month, .year").forEach(function (group) {
        group.hidden = !group.querySelector(".entry:not([hidden])");
      });
      if (band) band.hidden = !band.querySelector(".entry:not([hidden])");
      if (empty) empty.hidden = shown !== 0;
      if (count && messages.entries) count.textContent = plural(messages.entries, shown, lang, messages.digits);
      var peak = 1;
      bars.forEach(function (bar) { peak = Math.max(peak, perMonth[bar.getAttribute("data-month")] || 0); });
      var ranged = !!(state.from || state.to);
      bars.forEach(function (bar) {
        var month = bar.getAttribute("data-month");
        var n = perMonth[month] || 0;
        bar.style.setProperty("--h", (100 * n / peak).toFixed(1));
        bar.classList.toggle("empty", n === 0);
        bar.classList.toggle("selected", ranged && inRange(month));
        bar.querySelector(".bar-count").textContent = localDigits(n, messages.digits);
        var label = (messages.bar || "{month}: {entries}").replace("{month}", bar.getAttribute("data-name"))
          .replace("{entries}", plural(messages.entries || {}, n, lang, messages.digits));
        var link = bar.querySelector("a");
        link.setAttribute("aria-label", label);
        if (ranged && inRange(month)) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      chart.classList.toggle("ranged", ranged);
      folds.forEach(function (fold) {
        var isEarlier = fold.hasAttribute("data-range-to");
        var n = isEarlier ? earlier : later;
        fold.textContent = (isEarlier ? messages.earlier : messages.later)
          .replace("{entries}", plural(messages.entries || {}, n, lang, messages.digits));
      });
      filters.querySelectorAll("a").forEach(function (link) {
        var year = link.getAttribute("data-filter-year");
        var outlet = link.getAttribute("data-filter-outlet");
        var current;
        if (link.hasAttribute("data-filter-all")) current = !ranged && !state.outlets.length && !state.disagree;
        else if (year !== null) current = state.from === year + "-01" && state.to === year + "-12";
        else current = outlet !== null && state.outlets.indexOf(outlet) !== -1;
        if (current) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      if (form) {
        setSelect(form.elements.from, state.from, true);
        setSelect(form.elements.to, state.to, false);
        if (form.elements.disagree) form.elements.disagree.checked = state.disagree;
      }
      write();
      updateSwitch();
    }

    // A select shows the nearest month it offers: the first on or after "from", the last on or before "to".
    function setSelect(select, value, forward) {
      if (!select) return;
      var options = Array.prototype.map.call(select.options, function (o) { return o.value; });
      var chosen = "";
      if (value) {
        var months = options.filter(function (v) { return v && (forward ? v >= value : v <= value); });
        chosen = months.length ? months[forward ? 0 : months.length - 1] : "";
      }
      select.value = chosen;
    }

    function setRange(a, b) {
      state.from = a < b ? a : b;
      state.to = a < b ? b : a;
    }

    filters.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      if (link.hasAttribute("data-filter-all")) {
        state = { from: "", to: "", outlets: [], disagree: false };
      } else if (link.hasAttribute("data-filter-year")) {
        var year = link.getAttribute("data-filter-year");
        var same = state.from === year + "-01" && state.to === year + "-12";
        state.from = same ? "" : year + "-01";
        state.to = same ? "" : year + "-12";
      } else if (link.hasAttribute("data-filter-outlet")) {
        var outlet = link.getAttribute("data-filter-outlet");
        var at = state.outlets.indexOf(outlet);
        if (at === -1) state.outlets.push(outlet); else state.outlets.splice(at, 1);
      }
      apply();
    });

    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("change", function () {
        state.from = form.elements.from.value;
        state.to = form.elements.to.value;
        if (state.from && state.to && state.from > state.to) setRange(state.from, state.to);
        state.disagree = !!(form.elements.disagree && form.elements.disagree.checked);
        apply();
      });
    }

    // The chart: a month's bar chooses that month; Shift (click, Enter or an arrow key) or a drag across
    // bars chooses the months between; choosing the same single month again clears the range.
    var dragging = false, moved = false, start = null;
    function barOf(node) { return node && node.closest ? node.closest(".chart-month") : null; }
    function choose(bar, extend) {
      var month = bar.getAttribute("data-month");
      if (extend && anchor) setRange(anchor, month);
      else if (state.from === month && state.to === month) { state.from = ""; state.to = ""; }
      else { state.from = month; state.to = month; anchor = month; }
      apply();
    }
    chart.querySelectorAll("a").forEach(function (link) { link.setAttribute("draggable", "false"); });
    chart.addEventListener("dragstart", function (event) { event.preventDefault(); });
    chart.addEventListener("pointerdown", function (event) {
      var bar = barOf(event.target);
      if (!bar || event.button !== 0) return;
      dragging = !event.shiftKey;
      moved = false;
      start = bar.getAttribute("data-month");
    });
    chart.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      var bar = barOf(document.elementFromPoint(event.clientX, event.clientY));
      if (!bar) return;
      var month = bar.getAttribute("data-month");
      if (month !== start || moved) {
        moved = true;
        anchor = start;
        setRange(start, month);
        apply();
      }
    });
    window.addEventListener("pointerup", function () { dragging = false; });
    chart.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link) return;
      event.preventDefault();
      if (link.hasAttribute("data-range-to")) {
        state.from = "";
        state.to = link.getAttribute("data-range-to");
        if (band) band.open = true;
        apply();
        return;
      }
      if (link.hasAttribute("data-range-from")) {
        state.from = link.getAttribute("data-range-from");
        state.to = "";
        apply();
        return;
      }
      var dragged = moved && event.detail !== 0;  // a key's click (detail 0) never ends a drag
      moved = false;
      if (dragged) return;
      choose(barOf(link), event.shiftKey);
    });
    chart.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      var bar = barOf(event.target);
      if (!bar) return;
      var i = bars.indexOf(bar);
      var forward = (event.key === "ArrowRight") !== (getComputedStyle(chart).direction === "rtl");
      var next = bars[i + (forward ? 1 : -1)];
      if (!next) return;
      event.preventDefault();
      next.querySelector("a").focus();
      if (event.shiftKey) {
        if (!anchor) anchor = bar.getAttribute("data-month");
        setRange(anchor, next.getAttribute("data-month"));
        apply();
      }
    });
    if (help) help.hidden = false;
    apply();
  }

  // The language switch leads to the same page in the other language, with the same query and anchor.
  function updateSwitch() {
    var link = document.querySelector("a.switch");
    if (!link) return;
    var target = new URL(link.getAttribute("data-page") || link.getAttribute("href"), window.location.href);
    link.setAttribute("data-page", target.pathname);
    link.setAttribute("href", target.pathname + window.location.search + window.location.hash);
  }

  // A sentence reached from an entry: keep it clear of the top edge (CSS) and offer the way back.
  function setupSentence() {
    var text = document.querySelector(".article-text[data-back]");
    if (!text) return;
    function show() {
      var old = document.querySelector(".back-to-entry");
      if (old) old.remove();
      var id = window.location.hash.slice(1);
      if (!/^s[0-9]+$/.test(id)) return;
      var sentence = document.getElementById(id);
      var row = document.querySelector('li[data-sentence="' + id + '"]');
      if (!sentence || !row) return;
      var links = row.parentNode.querySelectorAll('li[data-sentence="' + id + '"] .own-event-links a:not([href^="#"])');
      if (!links.length) return;
      var box = document.createElement("p");
      box.className = "back-to-entry";
      box.setAttribute("role", "note");
      links.forEach(function (entryLink, i) {
        var back = document.createElement("a");
        back.href = entryLink.getAttribute("href");
        back.textContent = text.getAttribute("data-back");
        if (i) box.appendChild(document.createTextNode(" · "));
        box.appendChild(back);
        var headline = document.createElement("span");
        if (entryLink.hasAttribute("lang")) {
          headline.lang = entryLink.getAttribute("lang");
          headline.dir = entryLink.getAttribute("dir");
        }
        headline.textContent = ": " + entryLink.textContent;
        box.appendChild(headline);
      });
      text.parentNode.insertBefore(box, text.nextSibling);
    }
    window.addEventListener("hashchange", function () { show(); updateSwitch(); });
    show();
  }

  // The citation line names the page's full address once the browser knows it.
  function setupCitation() {
    var line = document.querySelector("[data-citation]");
    if (!line) return;
    var path = line.getAttribute("data-citation");
    if (/^https?:/.test(path)) return;
    line.textContent = line.textContent.replace(path, window.location.origin + path);
  }

  ready(function () {
    updateSwitch();
    var toggle = document.querySelector("a.switch");
    if (toggle) toggle.addEventListener("click", updateSwitch);
    setupFilters();
    setupSentence();
    setupCitation();
  });
})();
