// Vacancy list: filter by destination, trade, monthly wage (CNY) and apply-by date, and
// sort; the filters live in the URL, so a filtered list can be shared. The page's HTML
// works without this script (the newest vacancies and links by destination and trade).
(function () {
  "use strict";
  var form = document.getElementById("lx-filter");
  var results = document.getElementById("lx-results");
  var count = document.getElementById("lx-count");
  if (!form || !results || !window.fetch) return;
  var labels = results.dataset;
  var FIELDS = ["country", "trade", "q", "min", "max", "open_on", "sort"];
  var jobs = null;

  function today() {
    var d = new Date();
    return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  }

  function daysUntil(iso) {
    return Math.round((Date.parse(iso + "T00:00:00Z") - today().getTime()) / 86400000);
  }

  // Each trade's names and staff-maintained aliases (site_config.yml), both languages:
  // typing 焊工 or welder finds the welding orders, and ?trade=焊工 selects that trade.
  function fold(s) { return (s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  var ALIASES = {};
  Array.prototype.forEach.call(form.elements.trade.options, function (o) {
    if (o.value) ALIASES[o.value] = (o.dataset.aliases || "").split("|").map(fold);
  });
  function tradeNamed(word) {
    var w = fold(word);
    return Object.keys(ALIASES).filter(function (k) { return k === word || ALIASES[k].indexOf(w) >= 0; })[0] || "";
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    if (params.get("trade") && !form.elements.trade.value) form.elements.trade.value = tradeNamed(params.get("trade"));
  }

  function saysWords(job, q) {
    // A job matches when its title or place holds the words, or they name its trade
    // (or part of a name: 焊 finds 电焊工).
    var w = fold(q);
    if (fold(job.title + job.place).indexOf(w) >= 0) return true;
    return (ALIASES[job.trade] || []).some(function (a) { return a.indexOf(w) >= 0 || (w.length > 1 && w.indexOf(a) >= 0); });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var v = form.elements[name].value;
      if (v && !(name === "sort" && v === "newest")) params.set(name, v);
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function matches(job, f) {
    if (f.country && job.country !== f.country) return false;
    if (f.trade && job.trade !== f.trade) return false;
    if (f.q && !saysWords(job, f.q)) return false;
    if (f.min && (job.cny_month === null || job.cny_month < Number(f.min))) return false;
    if (f.max && (job.cny_month === null || job.cny_month > Number(f.max))) return false;
    if (f.open_on && job.apply_by < f.open_on) return false;
    return daysUntil(job.apply_by) >= 0;
  }

  var ORDER = {
    newest: function (a, b) { return b.posted_on.localeCompare(a.posted_on) || a.id.localeCompare(b.id); },
    closing: function (a, b) { return a.apply_by.localeCompare(b.apply_by) || a.id.localeCompare(b.id); },
    wage: function (a, b) { return (b.cny_month || 0) - (a.cny_month || 0) || a.id.localeCompare(b.id); }
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;  // never innerHTML: texts come from staff
    return e;
  }

  function fact(dl, label, value) {
    var row = el("div");
    row.appendChild(el("dt", "", label));
    row.appendChild(el("dd", "", value));
    dl.appendChild(row);
  }

  function card(job) {
    var li = el("li", "lx-card");
    li.dataset.id = job.id;
    var a = el("a", "lx-card__title", job.title);
    a.href = job.id + "/";
    li.appendChild(a);
    var soon = daysUntil(job.apply_by);
    if (soon >= 0 && soon <= Number(labels.closingSoonDays)) li.appendChild(el("span", "lx-badge lx-badge--soon", labels.labelSoon));
    var dl = el("dl", "lx-card__facts");
    fact(dl, labels.labelPlace, job.place);
    fact(dl, labels.labelWage, job.wage + (job.cny_month && job.wage.indexOf("CNY") !== 0 ? " (" + labels.labelApprox.replace("{}", job.cny_month.toLocaleString()) + ")" : ""));
    fact(dl, labels.labelPositions, String(job.positions));
    fact(dl, labels.labelApplyBy, new Date(job.apply_by + "T00:00:00Z").toLocaleDateString(
      document.documentElement.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }));
    li.appendChild(dl);
    return li;
  }

  function render() {
    var f = {};
    FIELDS.forEach(function (name) { f[name] = form.elements[name].value; });
    var shown = jobs.filter(function (job) { return matches(job, f); }).sort(ORDER[f.sort] || ORDER.newest);
    results.textContent = "";
    if (!shown.length) {
      results.appendChild(el("p", "", labels.labelNone));
    } else {
      var ul = el("ul", "lx-cards");
      shown.forEach(function (job) { ul.appendChild(card(job)); });
      results.appendChild(ul);
    }
    count.textContent = String(shown.length);
    var more = document.querySelector(".lx-more");
    if (more) more.hidden = true;
  }

  function update() { writeUrl(); render(); }

  fetch("index.json").then(function (r) { return r.json(); }).then(function (data) {
    jobs = data;
    form.hidden = false;
    readUrl();
    render();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
  }).catch(function () { /* the static list stays */ });
})();
