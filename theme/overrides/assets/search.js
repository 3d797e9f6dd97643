// Site search with Pagefind: its UI, in this page's language; ?q= starts a search, so a
// search can be shared as a link.
(function () {
  "use strict";
  var box = document.getElementById("lx-search");
  if (!box || !window.PagefindUI) return;
  var ui = new window.PagefindUI({ element: "#lx-search", showImages: false, showSubResults: false, resetStyles: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
