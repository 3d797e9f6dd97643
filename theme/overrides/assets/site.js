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
