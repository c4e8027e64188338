/* Arabic search that folds what readers type, query side. Material matches typed words as
   prefixes of indexed words with no language pipeline; the build adds a `folded` field to every
   document of the index (scripts/muqabala/site/render/search.py): diacritics and tatweel off,
   hamza forms of alef made ا, ؤ و, ئ ي, ة ه, ى ي, and each word with attached prefixes also
   given without them. This script folds the query on its way to Material's search worker (the
   same letters; the prefixes with the article, ال وال بال لل…, taken off), so the box keeps what
   the reader typed while اراضي finds أراضي, الاوروبي الأوروبي and اختراق الاختراق.
   Keep MARKS, LETTERS and PREFIX equal to search.py (a test checks). */
(function () {
  "use strict";
  var MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
  var LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"};
  var PREFIX = /^[وف]?(?:[بك]?ال|لل)(?=[\u0621-\u064A]{3})/;
  var WORD = /[\u0621-\u064A]+/g;
  var QUERY = 2; /* Material's SearchMessageType.QUERY */

  function foldLetters(text) {
    return text.replace(MARKS, "").replace(/[أإآٱؤئةى]/g, function (c) { return LETTERS[c]; });
  }

  function fold(text) {
    return foldLetters(text).replace(WORD, function (word) { return word.replace(PREFIX, ""); });
  }

  if (typeof Worker !== "undefined") {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = { type: QUERY, data: fold(message.data) };
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }
  window.muqabalaFold = fold;
})();
