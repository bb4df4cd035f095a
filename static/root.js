// The root page: go to the reader's first language that the site has (Arabic when none is), keeping
// the query and the anchor. Without script the page shows links to both languages.
(function () {
  "use strict";
  var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  var choice = "ar";
  for (var i = 0; i < langs.length; i++) {
    var code = String(langs[i]).toLowerCase().split("-")[0];
    if (code === "ar" || code === "en") { choice = code; break; }
  }
  var target = document.querySelector('link[rel="alternate"][hreflang="' + choice + '"]');
  if (target) window.location.replace(target.getAttribute("href") + window.location.search + window.location.hash);
})();
