// The hall kiosk (信息超市): strangers browse the open vacancies by destination and trade,
// open one as a full-screen card with a QR code for their phone, and check a filing
// number on a number pad. Everything is drawn, with textContent only, from kiosk/data.json
// (generator/render/hall.py) and the other language's file, loaded at the start so that
// switching language needs no connection. There is no link: nothing leads off the kiosk.
// After `idle` seconds untouched it returns to the start screen and forgets everything,
// so the next visitor never sees the last one's search. It fetches its data again every
// few minutes and, when a new build appears, reloads itself at the next idle moment.
// Settings in the URL: ?lang=en (the start language), ?idle=60 (seconds), ?refresh=5 (minutes).
(function () {
  "use strict";
  var root = document.getElementById("lx-kiosk");
  if (!root || !window.fetch) return;
  var bar = document.getElementById("lx-k-bar");
  var main = document.getElementById("lx-k-main");
  var cardBox = document.getElementById("lx-k-card");
  var idleBox = document.getElementById("lx-k-idle");
  var params = new URLSearchParams(window.location.search);

  function setting(name, fallback, least) {
    var v = Number(params.get(name));
    return params.has(name) && isFinite(v) && v > 0 ? Math.max(v, least) : fallback;
  }
  var START_LANG = params.get("lang") === "en" || params.get("lang") === "zh" ? params.get("lang") : document.documentElement.lang;
  var IDLE = setting("idle", Number(root.dataset.idle), 2) * 1000;
  var WARN = Math.min(10000, IDLE / 3);       // the countdown shown before the reset
  var REFRESH = setting("refresh", Number(root.dataset.refresh), 0.05) * 60000;

  var data = {}, state = null, last = Date.now(), newBuild = false, verifying = 0;   // data: per language

  function fresh() {
    return { lang: START_LANG, screen: "start", country: "", trade: "", card: null, typed: "", result: null };
  }

  // ---- small helpers -----------------------------------------------------------
  function view() { return data[state.lang]; }
  function otherLang() { return state.lang === "zh" ? "en" : "zh"; }
  function label(key, values) {
    var text = view().labels[key] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;  // never innerHTML: texts come from staff
    return e;
  }
  function button(cls, text, action) {
    var b = el("button", "lx-k__button " + cls, text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }
  function today() {
    var d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }
  function daysUntil(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - today()) / 86400000); }
  function open() {   // an order past its date leaves the kiosk at midnight, build or no build
    return view().jobs.filter(function (j) { return daysUntil(j.apply_by) >= 0; });
  }
  function chosen() {
    return open().filter(function (j) {
      return (!state.country || j.country === state.country) && (!state.trade || j.trade === state.trade);
    });
  }
  // Only a new screen redraws the page: opening a card or typing a digit leaves the
  // list where it was scrolled.
  function go(changes) {
    var redraw = ["lang", "screen", "country", "trade"].some(function (k) { return k in changes && changes[k] !== state[k]; });
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    if (redraw) { render(); return; }
    drawCard();
    if (state.screen === "verify") updateVerify();
  }

  // ---- the screens -------------------------------------------------------------
  var BACK = { destinations: "start", trades: "destinations", jobs: "trades", verify: "start" };

  function drawBar() {
    bar.textContent = "";
    if (state.screen !== "start") {
      bar.appendChild(button("lx-k__nav", "⌂ " + label("kiosk_home"), function () { go(fresh()); }));
      bar.appendChild(button("lx-k__nav", "← " + label("kiosk_back"), function () {
        var to = BACK[state.screen];
        go({ screen: to, trade: to === "trades" ? state.trade : "", country: to === "start" ? "" : state.country,
             typed: "", result: null });
      }));
    }
    bar.appendChild(el("p", "lx-k__centre", view().centre));
    if (data[otherLang()]) bar.appendChild(button("lx-k__lang", label("other_lang_name"), function () {
      go({ lang: otherLang() });
    }));
  }

  function tile(title, hint, action, cls) {
    var b = button("lx-k__tile " + (cls || ""), "", action);
    b.appendChild(el("span", "lx-k__tile-title", title));
    if (hint) b.appendChild(el("span", "lx-k__tile-hint", hint));
    return b;
  }

  var screens = {
    start: function () {
      main.appendChild(el("h1", "lx-k__h1", label("kiosk_title")));
      main.appendChild(el("p", "lx-k__lead", label("kiosk_welcome")));
      var tiles = el("div", "lx-k__tiles");
      tiles.appendChild(tile(label("kiosk_browse"), label("kiosk_browse_hint") + " · " + label("kiosk_count", { n: open().length }),
        function () { go({ screen: "destinations" }); }, "lx-k__tile--main"));
      tiles.appendChild(tile(label("kiosk_verify"), label("kiosk_verify_hint"), function () { go({ screen: "verify" }); }));
      main.appendChild(tiles);
      var notice = el("div", "lx-k__notice");
      notice.appendChild(el("p", "", label("job_apply_only") + " " + view().registration));
      notice.appendChild(el("p", "lx-k__strong", label("job_no_deposit")));
      notice.appendChild(el("p", "", label("hotline") + " " + view().hotline + " · " + label("complaints") + " " + view().complaints));
      main.appendChild(notice);
      main.appendChild(el("p", "lx-k__status", root.classList.contains("lx-k--offline")
        ? label("kiosk_offline", { date: view().today }) : label("kiosk_as_of", { date: view().today })));
    },
    destinations: function () {
      main.appendChild(el("h2", "lx-k__h2", label("kiosk_choose_destination")));
      choices(view().countries, "country", function (key) { go({ screen: "trades", country: key, trade: "" }); },
        label("kiosk_all_destinations"), open());
    },
    trades: function () {
      main.appendChild(el("h2", "lx-k__h2", (state.country ? view().countries[state.country] : label("kiosk_all_destinations")) +
        " · " + label("kiosk_choose_trade")));
      var here = open().filter(function (j) { return !state.country || j.country === state.country; });
      choices(view().trades, "trade", function (key) { go({ screen: "jobs", trade: key }); }, label("kiosk_all_trades"), here);
    },
    jobs: function () {
      var jobs = chosen();
      var where = (state.country ? view().countries[state.country] : label("kiosk_all_destinations")) + " · " +
        (state.trade ? view().trades[state.trade] : label("kiosk_all_trades"));
      main.appendChild(el("h2", "lx-k__h2", where + " · " + label("kiosk_count", { n: jobs.length })));
      if (!jobs.length) { main.appendChild(el("p", "lx-k__lead", label("kiosk_none"))); return; }
      main.appendChild(el("p", "lx-k__hint", label("kiosk_card_hint")));
      var list = el("div", "lx-k__jobs");
      jobs.forEach(function (job) { list.appendChild(jobButton(job)); });
      main.appendChild(list);
    },
    verify: drawVerify
  };

  // Buttons for destinations or trades that have open vacancies, each with its count.
  function choices(names, field, pick, allText, jobs) {
    var grid = el("div", "lx-k__choices");
    grid.appendChild(tile(allText, label("kiosk_count", { n: jobs.length }), function () { pick(""); }, "lx-k__tile--all"));
    Object.keys(names).forEach(function (key) {
      var n = jobs.filter(function (j) { return j[field] === key; }).length;
      if (n) grid.appendChild(tile(names[key], label("kiosk_count", { n: n }), function () { pick(key); }));
    });
    main.appendChild(grid);
  }

  function soon(job) { var d = daysUntil(job.apply_by); return d >= 0 && d <= view().closing_soon_days; }

  function jobButton(job) {
    var b = button("lx-k__job", "", function () { go({ card: job.id }); });
    b.dataset.id = job.id;
    var head = el("span", "lx-k__job-title", job.title);
    b.appendChild(head);
    if (soon(job)) b.appendChild(el("span", "lx-k__badge", label("closing_soon")));
    b.appendChild(el("span", "lx-k__job-line", job.place));
    b.appendChild(el("span", "lx-k__job-line lx-k__wage", job.wage + (job.monthly ? " · " + job.monthly : "")));
    b.appendChild(el("span", "lx-k__job-line", label("job_positions") + " " + job.positions + " · " +
      label("job_apply_by") + " " + job.apply_by_text));
    return b;
  }

  // ---- the vacancy card ----------------------------------------------------------
  function drawCard() {
    cardBox.textContent = "";
    var job = state.card && view().jobs.filter(function (j) { return j.id === state.card; })[0];
    cardBox.hidden = !job;
    if (!job) return;
    var head = el("div", "lx-k__card-head");
    var h = el("h2", "lx-k__card-title", job.title);
    h.id = "lx-k-card-title";
    head.appendChild(h);
    head.appendChild(button("lx-k__close", "✕ " + label("kiosk_close"), function () { go({ card: null }); }));
    cardBox.setAttribute("aria-labelledby", h.id);
    cardBox.appendChild(head);
    var body = el("div", "lx-k__card-body");
    var facts = el("div", "lx-k__facts");
    if (soon(job)) facts.appendChild(el("p", "lx-k__badge", label("closing_soon")));
    facts.appendChild(el("p", "lx-k__duties", job.duties));
    var table = el("table", "lx-k__facts-table");
    job.facts.forEach(function (pair) {
      var tr = el("tr");
      tr.appendChild(el("th", "", pair[0]));
      tr.appendChild(el("td", "", pair[1]));
      table.appendChild(tr);
    });
    facts.appendChild(table);
    facts.appendChild(el("p", "lx-k__strong", label("job_apply_only") + " " + view().registration));
    facts.appendChild(el("p", "", label("job_no_deposit")));
    body.appendChild(facts);
    var side = el("div", "lx-k__qr");
    side.appendChild(qrCode(job.qr, label("kiosk_scan") + ": " + job.url));
    var words = el("div");
    words.appendChild(el("p", "lx-k__scan", label("kiosk_scan")));
    words.appendChild(el("p", "lx-k__url", job.url));
    side.appendChild(words);
    body.appendChild(side);
    cardBox.appendChild(body);
    cardBox.scrollTop = 0;
  }

  // The QR code was made at build time (generator/render/qr.py); here it is only drawn:
  // one SVG path of the dark runs of each row.
  function qrCode(q, text) {
    var NS = "http://www.w3.org/2000/svg", border = 4, n = q.size, bytes = atob(q.bits), d = "";
    function dark(i) { return (bytes.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1; }
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n;) {
        if (!dark(y * n + x)) { x++; continue; }
        var s = x;
        while (x < n && dark(y * n + x)) x++;
        d += "M" + (s + border) + " " + (y + border) + "h" + (x - s) + "v1h-" + (x - s) + "z";
      }
    }
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + (n + 2 * border) + " " + (n + 2 * border));
    svg.setAttribute("class", "lx-k__qr-code");
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", text);
    var bg = document.createElementNS(NS, "rect");
    bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%"); bg.setAttribute("fill", "#fff");
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", d); path.setAttribute("fill", "#000");
    svg.appendChild(bg); svg.appendChild(path);
    return svg;
  }

  // ---- checking a filing or licence number on the number pad ---------------------
  function drawVerify() {
    main.appendChild(el("h2", "lx-k__h2", label("kiosk_verify")));
    main.appendChild(el("p", "lx-k__hint", label("kiosk_verify_prompt")));
    var layout = el("div", "lx-k__verify-layout");   // side by side in landscape
    var left = el("div");
    pad.typed = el("output", "lx-k__typed");
    pad.typed.id = "lx-k-typed";
    left.appendChild(pad.typed);
    var keys = el("div", "lx-k__pad");
    var letters = el("div", "lx-k__pad-row lx-k__letters");
    view().prefixes.concat(["-"]).forEach(function (p) { letters.appendChild(key(p, p)); });
    keys.appendChild(letters);
    var digits = el("div", "lx-k__digits");
    "123456789".split("").forEach(function (d) { digits.appendChild(key(d, d)); });
    digits.appendChild(button("lx-k__key lx-k__key--edit", label("kiosk_key_clear"), function () { go({ typed: "", result: null }); }));
    digits.appendChild(key("0", "0"));
    digits.appendChild(button("lx-k__key lx-k__key--edit", "⌫ " + label("kiosk_key_delete"), function () {
      go({ typed: state.typed.slice(0, -1), result: null });
    }));
    keys.appendChild(digits);
    pad.check = button("lx-k__key lx-k__key--check", label("kiosk_key_check"), verify);
    keys.appendChild(pad.check);
    left.appendChild(keys);
    layout.appendChild(left);
    pad.result = el("div", "lx-k__result");
    pad.result.setAttribute("role", "status");
    pad.result.id = "lx-k-result";
    layout.appendChild(pad.result);
    main.appendChild(layout);
    updateVerify();
  }

  var pad = {};   // the verify screen's display, check key and result area

  function updateVerify() {
    pad.typed.textContent = state.typed || "\u00a0";
    pad.check.disabled = !window.lxVerifyKey.normalise(state.typed);
    pad.result.textContent = "";
    pad.result.className = "lx-k__result";
    if (state.result) drawResult(pad.result, state.result);
  }

  function key(text, value) {
    return button("lx-k__key", text, function () {
      if (state.typed.length < 24) go({ typed: state.typed + value, result: null });
    });
  }

  function verify() {
    var k = window.lxVerifyKey.normalise(state.typed);
    if (!k) return;
    var ticket = ++verifying;
    go({ result: { pending: true } });
    fetch(root.dataset.shards + window.lxVerifyKey.file(k))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (shard) { return { entry: shard[k] || null }; }, function () { return { failed: true }; })
      .then(function (result) {
        // A reset or a new number since: this answer is no longer wanted.
        if (ticket === verifying && state.screen === "verify") go({ result: result });
      });
  }

  function drawResult(out, result) {
    var e = result.entry;
    var lang = state.lang;
    if (result.pending) { out.appendChild(el("p", "", label("kiosk_checking"))); return; }
    if (result.failed) { out.className += " lx-k__result--bad"; out.appendChild(el("p", "", label("kiosk_failed"))); return; }
    if (!e) {
      out.className += " lx-k__result--bad";
      out.appendChild(el("p", "lx-k__verdict", label("verify_not_found")));
      out.appendChild(el("p", "", label("complaints") + " " + view().complaints));
      return;
    }
    if (e.kind === "order") {
      out.className += e.state === "open" ? " lx-k__result--good" : " lx-k__result--warn";
      out.appendChild(el("p", "lx-k__verdict", label("verify_" + e.state)));
      out.appendChild(el("p", "", e.number + " · " + e.title[lang]));
      out.appendChild(el("p", "", label("job_apply_by") + " " + e.apply_by));
      var id = e.path.split("/")[1];
      var job = view().jobs.filter(function (j) { return j.id === id; })[0];
      if (e.state === "open" && job) out.appendChild(button("lx-k__tile lx-k__view", label("kiosk_verify_view"), function () { go({ card: id }); }));
    } else {
      out.className += e.state === "valid" ? " lx-k__result--good" : " lx-k__result--bad";
      out.appendChild(el("p", "lx-k__verdict", label("verify_agency_" + e.state)));
      out.appendChild(el("p", "", e.number + " · " + e.name[lang]));
      out.appendChild(el("p", "", label("verify_valid_until") + " " + e.valid_until));
      out.appendChild(el("p", "", label("verify_scope") + " " +
        e.scope.map(function (s) { return label("verify_scope_" + s); }).join(", ")));
    }
  }

  // ---- drawing, idle reset, fresh data --------------------------------------------
  function render() {
    document.documentElement.lang = state.lang;
    root.dataset.screen = state.screen;
    drawBar();
    main.textContent = "";
    screens[state.screen]();
    drawCard();
  }

  function changed() {
    var start = fresh();
    return Object.keys(start).some(function (k) { return state[k] !== start[k]; }) ||
      main.scrollTop > 0 || window.scrollY > 0 || !cardBox.hidden;
  }

  function reset() {
    if (newBuild) { window.location.reload(); return; }   // the new data, page and all
    verifying++;
    state = fresh();
    idleBox.hidden = true;
    render();
    main.scrollTop = 0;
    window.scrollTo(0, 0);
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    if (window.getSelection) window.getSelection().removeAllRanges();
  }

  function touched() { last = Date.now(); if (!idleBox.hidden) idleBox.hidden = true; }

  function tick() {
    if (!data[START_LANG]) return;
    var quiet = Date.now() - last;
    if (!changed()) {
      idleBox.hidden = true;
      if (newBuild && quiet >= Math.min(IDLE, 30000)) window.location.reload();
      return;
    }
    var left = IDLE - quiet;
    if (left <= 0) { reset(); return; }
    if (left <= WARN) {
      idleBox.textContent = label("kiosk_idle_warning", { s: Math.ceil(left / 1000) });
      idleBox.hidden = false;
    }
  }

  function offline(down) {
    if (root.classList.contains("lx-k--offline") === down) return;
    root.classList.toggle("lx-k--offline", down);
    if (state.screen === "start" && !state.card) render();
  }

  function fetchData(lang) {
    var url = root.dataset["data" + lang.charAt(0).toUpperCase() + lang.slice(1)];
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return Promise.all([r.json(), r.headers.get("X-Lx-Offline") === "1"]);   // sw.js answered from its copy
    });
  }

  // The other language arrives after the first screen; its button shows once it is here.
  function loadOther() {
    var other = START_LANG === "zh" ? "en" : "zh";
    if (data[other]) return;
    fetchData(other).then(function (got) {
      data[other] = got[0];
      if (state) drawBar();
    }, function () {});
  }

  function poll() {
    fetchData(START_LANG).then(function (got) {
      offline(got[1]);
      if (got[0].version !== data[START_LANG].version) newBuild = true;
    }, function () { offline(true); });
    loadOther();
  }

  function start() {
    fetchData(START_LANG).then(function (got) {
      data[START_LANG] = got[0];
      root.dataset.version = got[0].version;
      state = fresh();
      render();
      offline(got[1]);
      loadOther();
      setInterval(tick, 1000);
      setInterval(poll, REFRESH);
    }, function () {
      main.textContent = "";
      main.appendChild(el("p", "lx-k__loading", root.dataset.failed));
      setTimeout(start, 15000);
    });
  }

  ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (type) {
    document.addEventListener(type, touched, { capture: true, passive: true });
  });
  main.addEventListener("scroll", touched, { passive: true });
  cardBox.addEventListener("scroll", touched, { passive: true });
  // No text selection, long-press menu or dragging: nothing to copy and nowhere to go.
  ["contextmenu", "selectstart", "dragstart"].forEach(function (type) {
    document.addEventListener(type, function (e) { e.preventDefault(); });
  });
  window.addEventListener("online", poll);
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(root.dataset.worker).catch(function () {});
  }
  start();
})();
