// Verify an advertisement: normalise the number as the generator does
// (generator/render/verify_index.py), hash it (FNV-1a) and fetch only its small shard.
(function () {
  "use strict";
  var form = document.getElementById("lx-verify");
  var out = document.getElementById("lx-verify-result");
  var labels = JSON.parse(document.getElementById("lx-verify-labels").textContent);
  if (!form || !window.fetch) return;
  var SHARDS = 16;
  var base = form.getAttribute("action");  // "." = this page's folder

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

  function line(cls, text) {
    var p = document.createElement("p");
    if (cls) p.className = cls;
    p.textContent = text;
    out.appendChild(p);
    return p;
  }

  function show(entry) {
    out.textContent = "";
    out.className = "lx-verify__result";
    var lang = document.documentElement.lang === "en" ? "en" : "zh";
    if (!entry) {
      out.classList.add("lx-verify--bad");
      line("lx-verify__verdict", labels.verify_not_found);
      line("", labels.complaints + ": " + labels.number);
      return;
    }
    if (entry.kind === "order") {
      out.classList.add(entry.state === "open" ? "lx-verify--good" : "lx-verify--warn");
      line("lx-verify__verdict", labels["verify_" + entry.state]);
      line("", entry.number + " · " + entry.title[lang]);
      line("", labels.apply_by + ": " + entry.apply_by);
      if (entry.approved_by) {
        line("", labels.verify_approved.replace("{name}", entry.approved_by[lang]).replace("{date}", entry.approved_on));
        line("lx-verify__signed", entry.signed ? labels.verify_signature_checked.replace("{date}", labels.built_on)
                                               : labels.verify_signature_unsigned);
      }
      var a = document.createElement("a");
      a.href = "../" + entry.path;
      a.textContent = labels.verify_view;
      a.className = "md-button";
      line("", "").appendChild(a);
    } else {
      out.classList.add(entry.state === "valid" ? "lx-verify--good" : "lx-verify--bad");
      line("lx-verify__verdict", labels["verify_agency_" + entry.state]);
      line("", entry.number + " · " + entry.name[lang]);
      line("", labels.verify_valid_until + ": " + entry.valid_until);
      line("", labels.verify_scope + ": " + entry.scope.map(function (s) { return labels["verify_scope_" + s]; }).join(", "));
    }
  }

  function check(number) {
    var key = normalise(number);
    if (!key) return;
    var n = shard(key);
    fetch("shards/" + (n < 10 ? "0" : "") + n + ".json")
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { show(data[key]); })
      .catch(function () { out.textContent = labels.verify_noscript; });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var number = form.elements.n.value;
    history.replaceState(null, "", window.location.pathname + "?n=" + encodeURIComponent(number));
    check(number);
  });
  var initial = new URLSearchParams(window.location.search).get("n");
  if (initial) { form.elements.n.value = initial; check(initial); }
})();
