/* Arabic search without diacritics, query side. Material matches typed words as prefixes of
   indexed words with no language pipeline, and the build strips diacritics from the index
   (scripts/muqabala/render/search.py). Strip the same marks from what the reader types, before
   Material reads the box, so that بيانًا and بيانا find the same pages. Keep the class equal
   to SEARCH_MARKS in search.py. */
(function () {
  "use strict";
  var MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLInputElement) || !el.matches("[data-md-component='search-query']")) return;
    var folded = el.value.replace(MARKS, "");
    if (folded === el.value) return;
    var end = el.selectionEnd === null ? folded.length
      : el.value.slice(0, el.selectionEnd).replace(MARKS, "").length;
    el.value = folded;
    el.setSelectionRange(end, end);
  }, true);
})();
