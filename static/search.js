// The search page: query the site's own index (searchindex/, written by generator/searchindex.py).
// A query is folded and stemmed by the rules the index lists, so "إسطنبول" finds "اسطنبول" and
// "المفاوضات" finds "مفاوضات"; the last word also matches as a prefix while it is being typed.
// Every word must match; documents rank by BM25 over all shards together, entry pages before article
// pages. The English page also searches the Arabic index: shard by shard, document n of either
// language is the same page (the index says so: "aligned"), so a page matches a word in either.
(function () {
  "use strict";

  var PAGE = 10;
  var WINDOW = 260;
  var K1 = 1.2;
  var B = 0.75;

  var box = document.getElementById("search");
  if (!box) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  var more = box.querySelector(".search-more");
  var root = box.getAttribute("data-index");
  var base = box.getAttribute("data-base") || "/";
  var lang = document.documentElement.lang;
  var messages = JSON.parse(box.getAttribute("data-messages") || "{}");
  var files = {};

  function getJSON(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }
    return files[url];
  }

  function unavailable() {
    form.hidden = true;
    status.textContent = messages.unavailable;
    status.className = "search-status noscript";
  }

  function count(n) {
    var forms = messages.results || {};
    var category = n === 0 ? "zero" : new Intl.PluralRules(lang).select(n);
    var digits = messages.digits || "0123456789";
    var number = String(n).replace(/[0-9]/g, function (d) { return digits.charAt(Number(d)); });
    return (forms[category] || forms.other || "{n}").replace("{n}", number);
  }

  // Folding and stemming: generator/arabic.py's fold() and stem(), driven by the same data.
  function makeFolder(rules) {
    var diacritics = new RegExp(rules.diacritics, "gu");
    var arabic = new RegExp("^" + rules.arabic, "u");
    var letters = rules.letters;
    var variants = rules.variants || { letters: {}, spellings: [], loose: "", loose_min: Infinity };
    var looseTo = Array.from(variants.loose)[0];
    var word = /[\p{L}\p{N}]+/gu;
    function size(text) { return Array.from(text).length; }
    function fold(text) {
      var out = "";
      for (var ch of text.replace(diacritics, "")) out += Object.prototype.hasOwnProperty.call(letters, ch) ? letters[ch] : ch;
      return out.toLowerCase();
    }
    function stripClitics(w) {
      if (!arabic.test(w)) return w;
      for (var i = 0; i < rules.prefixes.length; i++) {
        var p = rules.prefixes[i];
        if (w.startsWith(p) && size(w) - size(p) >= rules.keep) {
          var rest = w.slice(p.length);
          return rules.again.indexOf(p) !== -1 ? stripClitics(rest) : rest;
        }
      }
      return w;
    }
    function stem(w) {
      w = stripClitics(w);
      if (!arabic.test(w)) return w;
      for (var i = 0; i < rules.suffixes.length; i++) {
        var s = rules.suffixes[i];
        if (w.endsWith(s) && size(w) - size(s) >= rules.keep) return w.slice(0, w.length - s.length);
      }
      return w;
    }
    // generator/searchindex.py's term(): search-only variants, the stem, a long stem's loose letters.
    function term(w) {
      var out = "";
      for (var ch of w) out += Object.prototype.hasOwnProperty.call(variants.letters, ch) ? variants.letters[ch] : ch;
      variants.spellings.forEach(function (pair) { out = out.split(pair[0]).join(pair[1]); });
      var t = stem(out);
      if (size(t) < variants.loose_min || !arabic.test(t)) return t;
      var loose = "";
      for (var c of t) loose += variants.loose.indexOf(c) > 0 ? looseTo : c;
      return loose;
    }
    return function terms(text) {
      return (fold(text).match(word) || []).map(term).filter(function (t) { return t.length > 0; });
    };
  }

  // The files of a shard's term range that may hold `term` (and, for a prefix, every term after it).
  function termFiles(starts, term, prefix) {
    var lo = 0, hi = starts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= term) lo = mid + 1; else hi = mid;
    }
    var found = [Math.max(lo - 1, 0)];
    if (prefix) for (var j = lo; j < starts.length && starts[j].startsWith(term); j++) found.push(j);
    return starts.length ? found : [];
  }

  function matches(postingFiles, word) {
    var found = {};
    postingFiles.forEach(function (part) {
      Object.keys(part).forEach(function (term) {
        if (term === word.term || (word.prefix && term.startsWith(word.term))) found[term] = part[term];
      });
    });
    return found;
  }

  function Searcher(listing) {
    this.terms = makeFolder(listing.rules);
    var languages = lang === "ar" ? ["ar"] : [lang, "ar"];
    this.shards = listing.bundles.map(function (name) { return root + name + lang + "/"; });
    // indexes[s] = [{lang, url, index}] for shard s: this page's language first, then the ones aligned with it.
    this.indexes = Promise.all(listing.bundles.map(function (name) {
      return Promise.all(languages.map(function (code) {
        var url = root + name + code + "/";
        return getJSON(url + "index.json").then(function (index) {
          return { lang: code, url: url, index: index };
        }).catch(function () { return null; });
      })).then(function (found) {
        var own = found[0];
        if (!own) return null;
        return found.filter(function (f, i) { return f && (i === 0 || (f.index.aligned && own.index.aligned)); });
      });
    }));
  }

  Searcher.prototype.words = function (query) {
    var terms = this.terms(query);
    var open = !/\s$/.test(query);
    return terms.map(function (term, i) {
      return { term: term, prefix: open && i === terms.length - 1 && Array.from(term).length >= 2 };
    });
  };

  // Every document that matches all words, best first: [{shard, doc, score}].
  Searcher.prototype.find = function (words) {
    return this.indexes.then(function (indexes) {
      var loads = [];
      indexes.forEach(function (languages, s) {
        if (!languages) return;
        languages.forEach(function (language) {
          words.forEach(function (word, w) {
            var wanted = termFiles(language.index.starts, word.term, word.prefix);
            loads.push(Promise.all(wanted.map(function (f) { return getJSON(language.url + "t" + f + ".json"); }))
              .then(function (parts) { return { shard: s, word: w, lang: language.lang, terms: matches(parts, word) }; }));
          });
        });
      });
      return Promise.all(loads).then(function (found) {
        return rank(indexes.map(function (languages) { return languages && languages[0].index; }), words, found);
      });
    });
  };

  function rank(indexes, words, found) {
    var total = 0, length = 0;
    indexes.forEach(function (index) {
      if (index) { total += index.documents; length += index.length; }
    });
    var average = length / Math.max(total, 1);
    var frequency = {};
    found.forEach(function (f) {
      Object.keys(f.terms).forEach(function (term) {
        var key = f.lang + ":" + term;
        frequency[key] = (frequency[key] || 0) + f.terms[term].length / 2;
      });
    });
    var scores = {};
    found.forEach(function (f) {
      var lengths = indexes[f.shard].lengths;
      Object.keys(f.terms).forEach(function (term) {
        var df = frequency[f.lang + ":" + term];
        var idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        var pairs = f.terms[term];
        for (var i = 0; i < pairs.length; i += 2) {
          var key = f.shard + ":" + pairs[i];
          var tf = pairs[i + 1];
          var norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[pairs[i]] / average));
          var score = scores[key] || (scores[key] = { shard: f.shard, doc: pairs[i], words: {} });
          score.words[f.word] = Math.max(score.words[f.word] || 0, idf * norm);
        }
      });
    });
    var results = [];
    Object.keys(scores).forEach(function (key) {
      var score = scores[key];
      var parts = Object.keys(score.words);
      if (parts.length !== words.length) return;
      score.score = parts.reduce(function (sum, w) { return sum + score.words[w]; }, 0);
      results.push(score);
    });
    results.forEach(function (r) { r.entry = (indexes[r.shard].kinds || "").charAt(r.doc) === "e" ? 1 : 0; });
    results.sort(function (a, b) {
      return b.entry - a.entry || b.score - a.score || a.shard - b.shard || a.doc - b.doc;
    });
    return results;
  }

  Searcher.prototype.record = function (result) {
    var shard = this.shards[result.shard];
    return this.indexes.then(function (indexes) {
      var chunk = indexes[result.shard][0].index.chunk;
      return getJSON(shard + "d" + Math.floor(result.doc / chunk) + ".json").then(function (records) {
        return records[result.doc % chunk];
      });
    });
  };

  // The passage of the page's text with the most query words, those words marked.
  Searcher.prototype.passage = function (url, words) {
    var terms = this.terms;
    return fetch(url).then(function (response) { return response.ok ? response.text() : ""; }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var text = page.querySelector("[data-search-text]") || page.querySelector(".article-text");
      if (!text) return null;
      text.querySelectorAll("[data-search-ignore]").forEach(function (node) { node.remove(); });
      var best = null;
      text.querySelectorAll("p").forEach(function (paragraph) {
        var content = paragraph.textContent.replace(/\s+/g, " ").trim();
        var hits = [], seen = {};
        var token = /[\p{L}\p{N}\p{M}]+/gu, m;
        while ((m = token.exec(content))) {
          var stems = terms(m[0]);
          words.forEach(function (word, w) {
            var hit = stems.some(function (t) { return t === word.term || (word.prefix && t.startsWith(word.term)); });
            if (hit) { hits.push([m.index, m.index + m[0].length]); seen[w] = true; }
          });
        }
        var score = Object.keys(seen).length;
        if (score && (!best || score > best.score)) best = { text: content, hits: hits, score: score };
      });
      return best;
    });
  };

  function passageNode(passage) {
    var text = passage.text;
    var first = passage.hits[0][0];
    var start = first > WINDOW / 3 ? text.lastIndexOf(" ", first - WINDOW / 3) + 1 : 0;
    var end = Math.min(text.length, start + WINDOW);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), first + 1);
    var node = document.createElement("p");
    node.className = "search-result-passage";
    var at = start;
    if (start > 0) node.appendChild(document.createTextNode("… "));
    passage.hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      node.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      node.appendChild(mark);
      at = hit[1];
    });
    node.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return node;
  }

  function start(searcher) {
    var asked = 0, results = [], shown = 0, words = [];
    form.hidden = false;

    function show() {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      var query = asked;
      batch.forEach(function (result) {
        var item = document.createElement("li");
        item.className = "search-result";
        list.appendChild(item);
        searcher.record(result).then(function (record) {
          if (query !== asked) return;
          var link = document.createElement("a");
          link.className = "search-result-link";
          link.href = base + record[0];
          link.textContent = record[1];
          link.dir = "auto";
          item.appendChild(link);
          if (record[2]) {
            var line = document.createElement("p");
            line.className = "search-result-line";
            line.textContent = record[2];
            item.appendChild(line);
          }
          if (record[3]) {
            searcher.passage(link.href, words).then(function (passage) {
              if (passage && query === asked) item.appendChild(passageNode(passage));
            }).catch(function () {});
          }
        }).catch(function () { item.remove(); });
      });
    }

    function run() {
      var query = input.value;
      var number = ++asked;
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      words = searcher.words(query);
      if (!words.length) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return;
      }
      searcher.find(words).then(function (found) {
        if (number !== asked) return;
        results = found;
        shown = 0;
        list.textContent = "";
        status.textContent = count(found.length);
        show();
      }).catch(unavailable);
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    more.addEventListener("click", show);
    var given = new URL(window.location.href).searchParams.get("q");
    if (given) {
      input.value = given;
      run();
    }
  }

  if (!window.fetch || !window.DOMParser || !window.Intl) return unavailable();
  getJSON(root + "shards.json")
    .then(function (listing) {
      var searcher = new Searcher(listing);
      window.TimelineSearch = { terms: searcher.terms };
      start(searcher);
    })
    .catch(unavailable);
})();
