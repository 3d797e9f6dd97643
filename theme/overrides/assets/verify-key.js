// Where a filing or licence number lives in the verify index: normalised as
// generator/render/verify_index.py does (full-width to half-width, case folded, letters
// and digits only) and hashed with FNV-1a into one of its shards. Shared by the verify
// page and the hall kiosk, so both always look in the same place as the generator.
window.lxVerifyKey = (function () {
  "use strict";
  var SHARDS = 16;   // verify_index.SHARDS

  function normalise(text) {
    var s = text.normalize("NFKC").toLowerCase();
    var out = "";
    for (var ch of s) if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
    return out;
  }

  function shard(key) {
    var h = 0x811c9dc5;
    for (var ch of key) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % SHARDS;
  }

  // The shard's file name inside verify/shards/.
  function file(key) {
    var n = shard(key);
    return (n < 10 ? "0" : "") + n + ".json";
  }

  return { normalise: normalise, shard: shard, file: file };
})();
