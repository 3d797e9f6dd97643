// Site search: Pagefind's engine with a small interface of our own (its stock UI would
// add some 35 KB to every search on a phone). The engine loads only the index chunks a
// query needs, from this language's own bundle. ?q= starts a search from a link.
(function () {
  "use strict";
  var form = document.getElementById("lx-search");
  var input = document.getElementById("lx-search-q");
  var status = document.getElementById("lx-search-status");
  var list = document.getElementById("lx-search-results");
  if (!form) return;
  var script = document.currentScript && document.currentScript.src;
  // assets/search.js → the language root → its pagefind/ bundle
  var root = new URL("..", script || window.location.href);
  var engine = null;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      });
    }
    return engine;
  }

  function excerpt(html) {
    // Pagefind marks the matched words with <mark>; everything else becomes plain text.
    var p = document.createElement("p");
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var m = /^<mark>(.*)<\/mark>$/.exec(part);
      if (m) {
        var mark = document.createElement("mark");
        mark.textContent = decode(m[1]);
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(decode(part)));
      }
    });
    return p;
  }

  function decode(text) {
    var t = document.createElement("textarea");
    t.innerHTML = text.replace(/<[^>]*>/g, "");  // entities only; a textarea never runs markup
    return t.value;
  }

  var current = 0;
  function run(query) {
    var ticket = ++current;
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = status.dataset.loading;
    load().then(function (pf) { return pf.search(query); }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (data) { return [search.results.length, data]; });
    }).then(function (found) {
      if (ticket !== current) return;
      status.textContent = found[0] ? status.dataset.count.replace("{n}", found[0]) : status.dataset.none;
      found[1].forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.className = "lx-search__title";
        a.textContent = d.meta.title || d.url;
        li.appendChild(a);
        li.appendChild(excerpt(d.excerpt || ""));
        list.appendChild(li);
      });
    }).catch(function () { status.textContent = status.dataset.none; });
  }

  var timer = null;
  input.addEventListener("input", function () {      // results as you type, once typing pauses
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 300);
  });
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", window.location.pathname + "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
