// Small behaviours on every page; the site works without them.
(function () {
  "use strict";
  document.querySelectorAll("[data-lx-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
