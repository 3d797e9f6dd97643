// The wage list: sort by any column (numbers as numbers, names in the page's language)
// and show one destination (?country=SG, the link from a destination page). Without this
// script the table is whole, sorted by trade, and prints the same.
(function () {
  "use strict";
  var table = document.getElementById("lx-wages");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator(document.documentElement.lang || undefined);
  var sorted = { col: -1, dir: 1 };

  function value(row, col) {
    var v = row.cells[col].getAttribute("data-sort");
    return heads[col].dataset.type === "number" ? Number(v) : v;
  }

  function sortBy(col) {
    sorted.dir = sorted.col === col ? -sorted.dir : (heads[col].dataset.type === "number" ? -1 : 1);
    sorted.col = col;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col), y = value(b, col);
      var c = typeof x === "number" ? x - y : collator.compare(x, y);
      // Ties keep the order staff keyed in (trade, then destination).
      return c * sorted.dir || Number(a.dataset.index) - Number(b.dataset.index);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (th, i) {
      if (i === col) th.setAttribute("aria-sort", sorted.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  Array.prototype.forEach.call(body.rows, function (row, i) { row.dataset.index = String(i); });
  heads.forEach(function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lx-wages__sort";
    button.title = table.dataset.sortHint;
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(col); });
  });

  var filter = document.querySelector(".lx-wages__filter");
  var select = filter && filter.querySelector("select");
  function show(country) {
    var totals = {};
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = Boolean(country) && row.dataset.country !== country;
      heads.forEach(function (th, col) {
        var key = th.dataset.total;
        if (key && !row.hidden) totals[key] = (totals[key] || 0) + value(row, col);
      });
    });
    table.querySelectorAll("tfoot [data-total]").forEach(function (cell) {
      cell.textContent = String(totals[cell.dataset.total] || 0);
    });
  }
  if (select) {
    filter.hidden = false;
    var wanted = (new URLSearchParams(window.location.search).get("country") || "").toUpperCase();
    if (Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    show(select.value);
    select.addEventListener("change", function () {
      show(select.value);
      var url = window.location.pathname + (select.value ? "?country=" + encodeURIComponent(select.value) : "");
      history.replaceState(null, "", url);
    });
  }
})();
