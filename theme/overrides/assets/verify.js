// Verify an advertisement: find the number's shard with verify-key.js (the generator's own
// normalising and hashing) and fetch only that small file.
(function () {
  "use strict";
  var form = document.getElementById("lx-verify");
  var out = document.getElementById("lx-verify-result");
  var labels = JSON.parse(document.getElementById("lx-verify-labels").textContent);
  var key = window.lxVerifyKey;   // verify-key.js: the same normalising and hashing as the generator
  if (!form || !window.fetch || !key) return;

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
      var call = document.createElement("a");   // one tap to report the advertisement
      call.href = labels.tel;
      call.textContent = labels.number;
      line("", labels.complaints + ": ").appendChild(call);
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
    var k = key.normalise(number);
    if (!k) return;
    fetch("shards/" + key.file(k))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { show(data[k]); })
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
