/* Self-check quizzes, lesson progress and classroom mode (issue 4).
 *
 * Why not the mkdocs-quiz plugin (1.7.1, read from its wheel)? Its quizzes are <quiz> blocks
 * written into each page's Markdown, not our courses/<id>/quizzes/*.yml; it has no pass mark
 * (its results panel grades in fixed bands), no true/false type, and shuffles answers but never
 * questions. It keys saved answers by window.location.pathname, so progress is lost on a switch
 * to /en/ and a course page cannot read it. Without JavaScript it hides the explanations (no
 * <details>); it announces no feedback (no aria-live); it has no printable worksheet or answer
 * key; and it inlines ~1,200 lines of JS and a confetti library into every page and needs
 * requests, rich and questionary. It does not fit: this small file does what we need.
 *
 * Plain deferred script, ES5: no modules, no fetch(), no absolute URL, so it also works from
 * the offline bundle (file://). The page stays readable without it (answers in <details>).
 */
(function () {
  "use strict";

  var PROGRESS = "lx-quiz-progress";  // {"<course id>/<lesson id>": {best: 0..1, passed: bool}}
  var CLASSROOM = "lx-classroom";     // "1" while classroom mode is on in this browser
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // ---- small helpers ------------------------------------------------------------
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage off or full: the quiz still works, it just is not remembered */ }
  }
  function progress() {
    try {
      var p = JSON.parse(read(PROGRESS) || "{}");
      return p && typeof p === "object" ? p : {};
    } catch (e) { return {}; }
  }
  function fmt(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function percent(x) { return Math.round(x * 100); }
  function shuffled(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  function announce(region, text) {
    if (!region) { return; }
    region.textContent = "";                  // so that the same words are read out again
    window.setTimeout(function () { region.textContent = text; }, 60);
  }

  // ---- one quiz -------------------------------------------------------------------
  function Quiz(section, n) {
    var self = this;
    this.section = section;
    this.key = section.getAttribute("data-quiz");
    this.passMark = parseFloat(section.getAttribute("data-pass-mark")) || 1;
    this.shuffle = section.getAttribute("data-shuffle") === "true";
    this.list = section.querySelector(".lx-quiz__questions");
    this.result = section.querySelector(".lx-quiz__result");
    this.live = section.querySelector("[data-lx-live]");
    this.best = section.querySelector("[data-lx-best]");
    var lesson = section.parentNode;
    this.answerKey = lesson ? lesson.querySelector(".lx-answer-key .lx-key") : null;
    this.questions = all(this.list, ".lx-question").map(function (li) { return self.setUp(li, n); });

    var controls = section.querySelector(".lx-quiz__controls");
    controls.hidden = false;
    controls.querySelector("[data-lx-check-all]").addEventListener("click", function () { self.checkAll(); });
    controls.querySelector("[data-lx-reset]").addEventListener("click", function () { self.reset(); });
    section.classList.add("lx-quiz--live");
    if (this.shuffle) { this.reorder(); }
    this.showBest();
  }

  Quiz.prototype.label = function (name) { return this.section.getAttribute("data-label-" + name) || ""; };

  /* Turn a static question (choices in a list, answer in <details>) into radio buttons or
     checkboxes with labels, a check button and a feedback box. */
  Quiz.prototype.setUp = function (li, n) {
    var self = this;
    var type = li.getAttribute("data-type");
    var q = {
      li: li, type: type, checked: false, right: false,
      list: li.querySelector(".lx-choices"),
      num: li.querySelector(".lx-question__num"),
      feedback: li.querySelector(".lx-feedback"),
      details: li.querySelector("details.lx-answer"),
      keyItem: this.answerKey ? this.answerKey.querySelector('li[data-q="' + li.getAttribute("data-q") + '"]') : null,
      choices: []
    };
    var name = "lxq" + n + "-" + li.getAttribute("data-q");
    Array.prototype.slice.call(q.list.children).forEach(function (c) {
      var input = document.createElement("input");
      input.type = type === "multiple" ? "checkbox" : "radio";
      input.name = name;
      input.value = c.getAttribute("data-c");
      input.id = name + "-" + input.value;
      var label = make("label", "lx-choice");
      label.htmlFor = input.id;
      label.appendChild(input);
      var body = make("span", "lx-choice__body");
      while (c.firstChild) { body.appendChild(c.firstChild); }
      label.appendChild(body);
      var mark = make("span", "lx-choice__mark");
      body.appendChild(mark);
      c.appendChild(label);
      input.addEventListener("change", function () { if (q.checked || !q.feedback.hidden) { self.unmark(q); } });
      q.choices.push({ li: c, input: input, label: label, mark: mark, letter: c.querySelector(".lx-choice__letter"),
                       correct: c.getAttribute("data-correct") === "true" });
    });
    q.details.hidden = true;                   // the answer shows once the question is checked
    var check = li.querySelector(".lx-question__check");
    check.hidden = false;
    check.querySelector("button").addEventListener("click", function () { self.checkOne(q); });
    return q;
  };

  /* Shuffle questions and choices in the page (true/false keeps its order), then renumber the
     questions, reletter the choices and make the printed answer key follow. */
  Quiz.prototype.reorder = function () {
    var self = this;
    this.questions = shuffled(this.questions);
    this.questions.forEach(function (q, i) {
      self.list.appendChild(q.li);
      if (q.type !== "truefalse") {
        q.choices = shuffled(q.choices);
        q.choices.forEach(function (c) { q.list.appendChild(c.li); });
      }
      self.renumber(q, i);
    });
  };

  Quiz.prototype.renumber = function (q, i) {
    q.index = i;
    q.num.textContent = (i + 1) + ".";
    var right = [];
    q.choices.forEach(function (c, j) {
      if (c.letter) { c.letter.textContent = LETTERS.charAt(j) + "."; }
      if (c.correct) { right.push(LETTERS.charAt(j)); }
    });
    if (q.keyItem) {
      this.answerKey.appendChild(q.keyItem);
      q.keyItem.querySelector(".lx-key__num").textContent = (i + 1) + ".";
      if (q.type !== "truefalse") {
        q.keyItem.querySelector(".lx-key__answer").textContent = right.join(", ");
        q.keyItem.querySelector(".lx-key__text").textContent = "(" + q.choices.filter(function (c) { return c.correct; })
          .map(function (c) { return c.li.querySelector(".lx-choice__text").textContent; }).join("; ") + ")";
      }
    }
  };

  Quiz.prototype.grade = function (q) {
    var chosen = 0, right = true;
    q.choices.forEach(function (c) {
      if (c.input.checked) { chosen += 1; }
      if (c.input.checked !== c.correct) { right = false; }
    });
    return { answered: chosen > 0, right: right && chosen > 0 };
  };

  /* Show right or wrong on the question, the right answers and the explanation. */
  Quiz.prototype.mark = function (q) {
    var self = this;
    var g = this.grade(q);
    q.checked = true;
    q.right = g.right;
    q.li.classList.remove("is-right", "is-wrong");
    q.li.classList.add(g.right ? "is-right" : "is-wrong");
    q.choices.forEach(function (c) {
      c.label.classList.remove("is-right", "is-wrong");
      c.mark.textContent = "";
      if (c.correct) {
        c.label.classList.add("is-right");
        c.mark.textContent = "✓ " + self.label("mark-right");
      } else if (c.input.checked) {
        c.label.classList.add("is-wrong");
        c.mark.textContent = "✗ " + self.label("mark-chosen");
      }
    });
    var verdict = g.right ? this.label("right") : (g.answered ? this.label("wrong") : this.label("unanswered"));
    q.feedback.textContent = "";
    q.feedback.appendChild(make("p", "lx-feedback__verdict", (g.right ? "✓ " : "✗ ") + verdict));
    Array.prototype.slice.call(q.details.children).forEach(function (child) {
      if (child.tagName !== "SUMMARY") { q.feedback.appendChild(child.cloneNode(true)); }
    });
    q.feedback.className = "lx-feedback " + (g.right ? "lx-feedback--right" : "lx-feedback--wrong");
    q.feedback.hidden = false;
    return verdict;
  };

  Quiz.prototype.unmark = function (q) {
    q.checked = false;
    q.li.classList.remove("is-right", "is-wrong");
    q.choices.forEach(function (c) { c.label.classList.remove("is-right", "is-wrong"); c.mark.textContent = ""; });
    q.feedback.textContent = "";
    q.feedback.hidden = true;
    this.update(false);
  };

  Quiz.prototype.checkOne = function (q) {
    var title = fmt(this.label("question"), { n: q.index + 1 });
    if (!this.grade(q).answered) {
      q.feedback.className = "lx-feedback lx-feedback--hint";
      q.feedback.textContent = "";
      q.feedback.appendChild(make("p", "", this.label("choose")));
      q.feedback.hidden = false;
      announce(this.live, title + ": " + this.label("choose"));
      return;
    }
    this.mark(q);
    var done = this.update(true);
    var said = Array.prototype.map.call(q.feedback.children, function (p) { return p.textContent; });
    if (done) { said = said.concat(Array.prototype.map.call(this.result.children, function (p) { return p.textContent; })); }
    announce(this.live, title + ": " + said.join(" "));
  };

  Quiz.prototype.checkAll = function () {
    var self = this;
    this.questions.forEach(function (q) { self.mark(q); });
    this.update(true);
    this.result.focus();
  };

  /* The score once every question is checked (and the progress saved), or how many are. */
  Quiz.prototype.update = function (save) {
    var checked = 0, right = 0, total = this.questions.length;
    this.questions.forEach(function (q) { if (q.checked) { checked += 1; if (q.right) { right += 1; } } });
    this.result.textContent = "";
    this.result.className = "lx-quiz__result";
    if (checked === 0) { return false; }
    if (checked < total) {
      this.result.appendChild(make("p", "", fmt(this.label("checked"), { checked: checked, total: total })));
      return false;
    }
    var score = right / total;
    var passed = score >= this.passMark - 1e-9;
    this.result.classList.add(passed ? "lx-quiz__result--passed" : "lx-quiz__result--failed");
    this.result.appendChild(make("p", "lx-quiz__score", fmt(this.label("score"),
      { right: right, total: total, percent: percent(score), pass: percent(this.passMark) })));
    this.result.appendChild(make("p", "lx-quiz__verdict", (passed ? "✓ " : "") + this.label(passed ? "passed" : "failed")));
    if (save && this.key) {
      var p = progress();
      var old = p[this.key] || {};
      p[this.key] = { best: Math.max(old.best || 0, score), passed: !!(old.passed || passed) };
      write(PROGRESS, JSON.stringify(p));
      this.showBest();
    }
    return true;
  };

  Quiz.prototype.showBest = function () {
    var r = progress()[this.key];
    if (!this.best || !r) { return; }
    this.best.textContent = fmt(this.label(r.passed ? "best-passed" : "best-tried"), { percent: percent(r.best || 0) });
    this.best.className = "lx-quiz__best " + (r.passed ? "lx-quiz__best--passed" : "");
    this.best.hidden = false;
  };

  Quiz.prototype.reset = function () {
    var self = this;
    this.questions.forEach(function (q) {
      q.choices.forEach(function (c) { c.input.checked = false; });
      self.unmark(q);
    });
    if (this.shuffle) { this.reorder(); }
    announce(this.live, this.label("reset"));
    var first = this.questions[0];
    if (first && first.choices[0]) { first.choices[0].input.focus(); }
  };

  // ---- progress on course pages -----------------------------------------------------
  function showProgress() {
    var p = progress();
    all(document, "[data-lx-status]").forEach(function (status) {
      var li = status.parentNode;
      var list = li.parentNode;
      if (!li.hasAttribute("data-has-quiz")) { return; }
      var r = p[li.getAttribute("data-lesson")];
      var state = r ? (r.passed ? "passed" : "tried") : "todo";
      status.textContent = fmt(list.getAttribute("data-label-" + state), { percent: r ? percent(r.best || 0) : 0 });
      status.className = "lx-status lx-status--" + state;
      status.hidden = false;
    });
    all(document, "[data-lx-course-progress]").forEach(function (line) {
      var keys = line.hasAttribute("data-lessons")
        ? line.getAttribute("data-lessons").split(" ").filter(Boolean)
        : all(document, "li[data-lesson][data-has-quiz]").map(function (li) { return li.getAttribute("data-lesson"); });
      if (!keys.length) { return; }
      var passed = keys.filter(function (k) { return p[k] && p[k].passed; }).length;
      line.textContent = fmt(line.getAttribute("data-label"), { passed: passed, total: keys.length });
      line.classList.toggle("lx-course-progress--done", passed === keys.length);
      line.hidden = false;
    });
  }

  // ---- classroom mode: big type, no chrome, for a projector -----------------------------
  function classroom() {
    var buttons = all(document, "[data-lx-classroom]");
    if (!buttons.length) { return; }
    var root = document.documentElement;
    function isOn() { return root.classList.contains("lx-classroom"); }
    function set(on, remember) {
      if (on) { root.classList.add("lx-classroom"); } else { root.classList.remove("lx-classroom"); }
      buttons.forEach(function (b) { b.textContent = b.getAttribute(on ? "data-label-off" : "data-label-on"); });
      if (remember) { write(CLASSROOM, on ? "1" : null); }
    }
    buttons.forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { set(!isOn(), true); });
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && isOn()) { set(false, true); }
    });
    set(read(CLASSROOM) === "1", false);
  }

  function start() {
    all(document, "section.lx-quiz[data-quiz]").forEach(function (section, n) {
      if (!section.classList.contains("lx-quiz--live")) { new Quiz(section, n); }
    });
    showProgress();
    classroom();
    // Back from a lesson to its course: a page restored from the back/forward cache
    // runs no script again, so refresh what it shows.
    window.addEventListener("pageshow", function (e) { if (e.persisted) { showProgress(); } });
    window.addEventListener("storage", function (e) { if (e.key === PROGRESS) { showProgress(); } });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
