// The hall's big screen: the open vacancies, as many as fit, page after page, with the
// clock and the Centre's numbers. The data (screen/data.json, generator/render/hall.py)
// is fetched again every few minutes, so a new build shows up by itself; a failed fetch
// keeps the last good data on screen and says since when.
// Settings in the URL, so one build serves several screens:
//   ?lang=zh|en  &seconds=12 (per page)  &country=SG,JP  &trade=welding  &refresh=5 (minutes)
(function () {
  "use strict";
  var root = document.getElementById("lx-screen");
  if (!root || !window.fetch) return;
  var params = new URLSearchParams(window.location.search);
  var rows = document.getElementById("lx-s-rows");
  var main = document.getElementById("lx-s-main");
  var message = document.getElementById("lx-s-message");
  var pageLabel = document.getElementById("lx-s-page");
  var status = document.getElementById("lx-s-status");

  function setting(name, fallback, least) {
    var v = Number(params.get(name));
    return params.has(name) && isFinite(v) && v > 0 ? Math.max(v, least) : fallback;
  }
  function list(name) {
    return (params.get(name) || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }
  var lang = params.get("lang") === "en" || params.get("lang") === "zh" ? params.get("lang") : document.documentElement.lang;
  var SECONDS = setting("seconds", Number(root.dataset.seconds), 3) * 1000;
  var REFRESH = setting("refresh", Number(root.dataset.refresh), 0.05) * 60000;
  var countries = list("country").map(function (c) { return c.toUpperCase(); });
  var trades = list("trade");

  var data = null, view = null, pages = [], current = 0, loadedAt = null;

  function label(key, values) {
    var text = view.labels[key] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;  // never innerHTML: texts come from staff
    return e;
  }
  function today() {
    var d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }
  function daysUntil(iso) {
    return Math.round((Date.parse(iso + "T00:00:00Z") - today()) / 86400000);
  }
  function clockText(d) {
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function shown() {
    return view.jobs.filter(function (j) {
      return daysUntil(j.apply_by) >= 0 &&     // an order past its date leaves the board at midnight
        (!countries.length || countries.indexOf(j.country) >= 0) && (!trades.length || trades.indexOf(j.trade) >= 0);
    });
  }

  function row(job) {
    var tr = el("tr");
    tr.dataset.id = job.id;
    var soon = daysUntil(job.apply_by) <= data.closing_soon_days;
    if (soon) tr.className = "lx-s__soon";
    var place = el("td", "lx-s__place");
    place.appendChild(el("span", "lx-s__country", job.country_name));
    place.appendChild(el("span", "lx-s__city", job.city));
    tr.appendChild(place);
    var title = el("td", "lx-s__job");
    title.appendChild(el("span", "", job.title));
    tr.appendChild(title);
    var wage = el("td", "lx-s__wage");
    wage.appendChild(el("span", "lx-s__amount", job.wage));
    if (job.monthly) wage.appendChild(el("span", "lx-s__cny", job.monthly));
    tr.appendChild(wage);
    tr.appendChild(el("td", "lx-s__num", label("screen_people", { n: job.positions })));
    var by = el("td", "lx-s__by");
    by.appendChild(el("span", "", job.apply_by_text));
    if (soon) by.appendChild(el("span", "lx-s__badge", label("closing_soon")));
    tr.appendChild(by);
    return tr;
  }

  // Pages are cut where the next row would not fit, so any screen size and any text
  // length works: rows are added until the table overflows the space between header and footer.
  function paginate(jobs) {
    pages = [];
    rows.textContent = "";
    var start = 0;
    jobs.forEach(function (job, i) {
      var tr = row(job);
      rows.appendChild(tr);
      if (main.scrollHeight > main.clientHeight + 1 && i > start) {
        pages.push(jobs.slice(start, i));
        rows.textContent = "";
        rows.appendChild(tr);
        start = i;
      }
    });
    if (jobs.length) pages.push(jobs.slice(start));
  }

  function showPage(n) {
    current = pages.length ? n % pages.length : 0;
    rows.textContent = "";
    (pages[current] || []).forEach(function (job) { rows.appendChild(row(job)); });
    pageLabel.textContent = pages.length > 1 ? label("screen_page", { n: current + 1, of: pages.length }) : "";
    root.dataset.page = String(current + 1);
    root.dataset.pages = String(pages.length);
  }

  function draw() {
    document.documentElement.lang = lang;
    root.querySelectorAll("[data-label]").forEach(function (e) { e.textContent = label(e.dataset.label); });
    root.querySelector(".lx-s__centre").textContent = view.centre;
    document.getElementById("lx-s-hotline").textContent = view.hotline;
    document.getElementById("lx-s-complaints").textContent = view.complaints;
    var jobs = shown();
    message.textContent = jobs.length ? "" : label("screen_none");
    root.classList.toggle("lx-s--empty", !jobs.length);
    paginate(jobs);
    showPage(current);
  }

  function offline(down) {
    root.classList.toggle("lx-s--offline", down);
    status.textContent = down && loadedAt ? label("screen_offline", { time: clockText(loadedAt) }) : "";
  }

  function load() {
    fetch(root.dataset["data" + lang.charAt(0).toUpperCase() + lang.slice(1)], { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return Promise.all([r.json(), r]); })
      .then(function (got) {
        var fresh = got[0], response = got[1];
        if (!fresh || fresh.lang !== lang || !fresh.jobs) throw new Error("unexpected data");
        var cached = response.headers.get("X-Lx-Offline") === "1";   // sw.js answered from its copy
        // A copy is as old as the server's answer it keeps (its Date header).
        var when = cached ? new Date(response.headers.get("Date") || Date.now()) : new Date();
        if (!data || fresh.version !== data.version) {
          data = fresh;
          view = data;
          loadedAt = when;
          draw();
        } else if (!cached) {
          loadedAt = when;
        }
        offline(cached);
      })
      .catch(function () {
        if (data) offline(true);      // keep what is on screen
        else message.textContent = root.dataset.failed;
      });
  }

  function tick() {
    var now = new Date();
    document.getElementById("lx-s-time").textContent = clockText(now);
    document.getElementById("lx-s-date").textContent = now.toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB",
      { weekday: "long", year: "numeric", month: "long", day: "numeric" });
  }

  var lastDay = null;
  setInterval(tick, 1000);
  setInterval(function () {
    if (!view) return;
    // At midnight orders past their date must go, and "closing soon" moves on.
    var day = today();
    if (day !== lastDay) { lastDay = day; draw(); return; }
    showPage(current + 1);
  }, SECONDS);
  setInterval(load, REFRESH);
  window.addEventListener("resize", function () { if (view) draw(); });
  tick();
  lastDay = today();
  load();
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(root.dataset.worker).catch(function () {});
  }
})();
