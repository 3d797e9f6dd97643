// Site search: the engine for the index of generator/publish/search_index.py, and its page.
// Terms are cut exactly as generator/publish/search_tokens.py cuts them: Chinese as single
// characters and overlapping pairs, Latin words matched by prefix. A query fetches the
// small meta file once, then only the shards its terms fall in and the records of the
// results it shows; all from this site. ?q= starts a search from a link.
(function () {
  "use strict";
  var form = document.getElementById("lx-search");
  if (!form) return;
  var input = document.getElementById("lx-search-q");
  var status = document.getElementById("lx-search-status");
  var list = document.getElementById("lx-search-results");
  var moreWrap = document.getElementById("lx-search-more-wrap");
  var more = document.getElementById("lx-search-more");
  var aliases = document.getElementById("lx-search-aliases");
  var verify = document.getElementById("lx-search-verify");
  var unavailable = document.getElementById("lx-search-unavailable");
  var KINDS = ["job", "course", "destination", "page"];
  var PAGE = 10;                       // results per page
  var WORD;
  try {
    WORD = new RegExp("[\\p{L}\\p{N}]", "u");
  } catch (e) {
    return;                            // too old a browser: the page's note and lists stay
  }
  if (!window.fetch || !window.Promise || !window.URLSearchParams || !Array.from || !Math.imul ||
      !String.prototype.normalize || !String.prototype.codePointAt || location.protocol === "file:") return;

  // ---- terms: as search_tokens.py ------------------------------------------------
  var CJK = [[0x3040, 0x30FF], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xAC00, 0xD7AF], [0xF900, 0xFAFF],
             [0x20000, 0x3134F]];
  function isCjk(ch) {
    var cp = ch.codePointAt(0);
    for (var i = 0; i < CJK.length; i++) if (cp >= CJK[i][0] && cp <= CJK[i][1]) return true;
    return false;
  }
  function runs(text) {
    var out = [], kind = null, cur = [];
    var chars = Array.from(text.normalize("NFKC").toLowerCase());
    chars.push(" ");
    chars.forEach(function (ch) {
      var k = isCjk(ch) ? "cjk" : WORD.test(ch) ? "word" : null;
      if (k !== kind) {
        if (kind) out.push([kind, cur]);
        kind = k;
        cur = [];
      }
      cur.push(ch);
    });
    return out;
  }
  function queryTerms(query) {
    var out = [], seen = {};
    function add(term, prefix) {
      if (!seen[term]) { seen[term] = 1; out.push({ term: term, prefix: prefix }); }
    }
    runs(query).forEach(function (r) {
      var chars = r[1];
      if (r[0] === "word") add(chars.join(""), chars.length >= 2);
      else if (chars.length === 1) add(chars[0], false);
      else for (var i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1], false);
    });
    return out;
  }
  function shardKey(term) {
    var chars = Array.from(term);
    return isCjk(chars[0]) ? term : chars.slice(0, 2).join("");
  }
  function fnv1a(text) {
    var h = 0x811C9DC5;
    Array.from(text).forEach(function (ch) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h >>> 0;
  }
  function shardOf(bounds, term) {
    var h = fnv1a(shardKey(term)), lo = 0, hi = bounds.length - 1;
    while (lo < hi) {                  // the last shard whose first hash is ≤ h
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= h) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // ---- files: fetched once each --------------------------------------------------
  var base = new URL(form.dataset.index, window.location.href);
  var cache = {};
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base).href).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });   // a later query may try again
    }
    return cache[path];
  }
  function meta() { return get("meta.json"); }

  // ---- search: pages ranked ------------------------------------------------------
  function kindOf(m, page) {
    for (var k = 0, end = 0; k < m.kinds.length; k++) {
      end += m.kinds[k];
      if (page < end) return k;
    }
    return KINDS.length - 1;
  }
  function search(query) {
    var terms = queryTerms(query);
    if (!terms.length) return Promise.resolve({ terms: 0, pages: [] });
    return meta().then(function (m) {
      return Promise.all(terms.map(function (t) {
        return get(m.v + "/s" + shardOf(m.bounds, t.term) + ".json");
      })).then(function (shards) {
        // page → [terms matched, of them in the title, of them in the page's own words]
        // A posting is page*4 + where: 1 title, 0 text, 2 only the trade's names/aliases.
        var found = {};
        terms.forEach(function (t, i) {
          var hits = {}, shard = shards[i];
          Object.keys(shard).forEach(function (term) {
            if (term !== t.term && !(t.prefix && term.lastIndexOf(t.term, 0) === 0)) return;
            var v = 0;
            shard[term].forEach(function (d) {
              v += d;
              var page = v >> 2, where = v & 3, h = hits[page] || (hits[page] = [0, 0]);
              if (where === 1) h[0] = 1;
              if (where !== 2) h[1] = 1;
            });
          });
          Object.keys(hits).forEach(function (page) {
            var f = found[page] || (found[page] = [0, 0, 0]);
            f[0] += 1;
            f[1] += hits[page][0];
            f[2] += hits[page][1];
          });
        });
        // A page with every term first (all the query's parts, also through its trade's
        // aliases), then vacancies before courses, destinations and guides, then the
        // title holding more of the query, then the page's own words holding more (before
        // a match through aliases alone), then the index order (vacancies by id).
        var need = Math.ceil(terms.length / 2);
        var pages = Object.keys(found).map(Number).filter(function (p) { return found[p][0] >= need; });
        pages.sort(function (a, b) {
          return (found[b][0] - found[a][0]) || (kindOf(m, a) - kindOf(m, b)) ||
                 (found[b][1] - found[a][1]) || (found[b][2] - found[a][2]) || (a - b);
        });
        return { meta: m, terms: terms.length, pages: pages };
      });
    });
  }
  function records(m, pages) {
    return Promise.all(pages.map(function (p) {
      return get(m.v + "/d" + Math.floor(p / m.chunk) + ".json").then(function (chunk) {
        return chunk[p % m.chunk];
      });
    }));
  }

  // ---- the page ------------------------------------------------------------------
  var root = new URL("..", window.location.href);         // search/ → the language root
  var AGENCY = /公司|劳务|中介|人力资源|有限|派遣|外派|agency|company|co\.|ltd|recruit|manpower/i;
  var NUMBER = /[0-9０-９]{3,}|^[a-z]{1,4}[-\s]?[0-9]/i;

  function show(el, on) { if (el) el.hidden = !on; }
  function label(kind) { return form.dataset["kind" + kind.charAt(0).toUpperCase() + kind.slice(1)] || kind; }
  function render(rec) {
    var li = document.createElement("li");
    li.setAttribute("data-lx-search-result", rec[1]);
    var tag = document.createElement("span");
    tag.className = "lx-search__kind lx-search__kind--" + rec[1];
    tag.textContent = label(rec[1]);
    var a = document.createElement("a");
    a.href = new URL(rec[0], root).href;
    a.className = "lx-search__title";
    a.textContent = rec[2];
    var p = document.createElement("p");
    p.textContent = rec[3];
    li.appendChild(tag);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  var current = 0, shown = null;
  function page(ticket) {
    var next = shown.pages.slice(shown.count, shown.count + PAGE);
    return records(shown.meta, next).then(function (recs) {
      if (ticket !== current) return;
      recs.forEach(function (rec) { list.appendChild(render(rec)); });
      shown.count += recs.length;
      show(moreWrap, shown.count < shown.pages.length);
    });
  }
  function failed() {
    status.textContent = "";
    show(unavailable, true);
  }
  function run(query) {
    var ticket = ++current;
    list.textContent = "";
    show(moreWrap, false);
    show(aliases, false);
    var q = query.trim();
    var looksOfficial = q && (AGENCY.test(q) || NUMBER.test(q));
    show(verify, looksOfficial);
    if (looksOfficial) {
      document.getElementById("lx-search-verify-link").href = new URL("verify/?n=" + encodeURIComponent(q), root).href;
    }
    if (!q) { status.textContent = ""; return; }
    status.textContent = status.dataset.loading;
    search(q).then(function (found) {
      if (ticket !== current) return;
      var n = found.pages.length;
      var done = function () {      // the count and the results appear together
        if (ticket !== current) return;
        status.textContent = n ? status.dataset.count.replace("{n}", n) : status.dataset.none;
        show(aliases, !n);
      };
      if (!n) return done();
      shown = { meta: found.meta, pages: found.pages, count: 0 };
      return page(ticket).then(done);
    }).catch(function () { if (ticket === current) failed(); });
  }

  // Every result of a query, in order, as [path, kind, title, snippet]: for the recall
  // tests and the benchmark (tests/benchmarks/search_candidates.py), which check them all.
  form.lxFind = function (query) {
    return search(query).then(function (found) { return found.pages.length ? records(found.meta, found.pages) : []; });
  };

  more.addEventListener("click", function () { page(current).catch(failed); });
  var timer = null;
  input.addEventListener("input", function () {      // results as you type, once typing pauses
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 300);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", window.location.pathname + "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  form.hidden = false;
  show(unavailable, false);
  meta().catch(failed);          // an index that cannot load says so at once, not at the first query
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
