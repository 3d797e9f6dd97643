// Small behaviours on every page; the site works without them.
(function () {
  "use strict";
  // A print button may name what to print (a lesson: "handout" or "full"); the style sheets
  // read it from <html data-lx-print>, and plain Ctrl+P prints the default.
  var root = document.documentElement;
  document.querySelectorAll("[data-lx-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var mode = button.getAttribute("data-lx-print");
      if (mode) { root.setAttribute("data-lx-print", mode); } else { root.removeAttribute("data-lx-print"); }
      window.print();
    });
  });
  window.addEventListener("afterprint", function () { root.removeAttribute("data-lx-print"); });
  // Checklists a worker ticks while packing are remembered in this browser, per lesson
  // (data-lx-tasks: course/lesson, the same in both languages), by the box's place in the list.
  var TASKS = "lx-tasks";
  function ticked() {
    try { return JSON.parse(window.localStorage.getItem(TASKS) || "{}") || {}; } catch (e) { return {}; }
  }
  document.querySelectorAll("[data-lx-tasks]").forEach(function (holder) {
    var key = holder.getAttribute("data-lx-tasks");
    var boxes = Array.prototype.slice.call(holder.querySelectorAll(".lx-task input[type=checkbox]"));
    var saved = ticked()[key];
    if (Array.isArray(saved)) {
      boxes.forEach(function (box, i) { box.checked = saved.indexOf(i) !== -1; });
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var all = ticked();
        all[key] = boxes.reduce(function (on, b, i) { if (b.checked) { on.push(i); } return on; }, []);
        if (!all[key].length) { delete all[key]; }
        try { window.localStorage.setItem(TASKS, JSON.stringify(all)); } catch (e) { /* not remembered */ }
      });
    });
  });
  // The language switch keeps the worker's place: the query (a filter, a filing number, a
  // search) and the fragment go along. Read at the moment of use, because the filters and
  // the search rewrite the address as the worker types; ids are the same in both languages.
  document.querySelectorAll("[data-lx-lang-switch]").forEach(function (link) {
    var base = link.getAttribute("href").split(/[?#]/)[0];
    function keep() { link.setAttribute("href", base + window.location.search + window.location.hash); }
    ["click", "auxclick", "contextmenu", "focus", "pointerdown"].forEach(function (name) {
      link.addEventListener(name, keep);
    });
    keep();
  });
})();
