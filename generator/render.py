"""Render the site model into pages, one set per language: the fourth pipeline stage.

Jinja with StrictUndefined and autoescaping: a misspelt variable fails the build, and
no text from YAML reaches HTML except escaped or through sanitize.markdown_html.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .i18n import Catalogue
from .load import Tree
from .sanitize import markdown_html

TEMPLATES = Path(__file__).parent / "templates"
PAGE_ORDER = ["how-to-apply", "illegal-agencies", "about", "contact"]
QUIZ_SCRIPTS = ("assets/quiz.js",)     # self-check quizzes, progress and classroom mode


@dataclass(frozen=True)
class Page:
    path: str           # URL path inside one language, "" for home, else ending in "/"
    title: str
    description: str
    body: str           # HTML
    listed: bool = True  # in sitemap.xml; closed and expired orders are not
    scripts: tuple = ()  # extra scripts for this page, paths from the language root (assets/…)


def relative(from_path: str, to_path: str) -> str:
    """A link from one page's directory URL to another's, so the site works under any prefix."""
    rel = posixpath.relpath("/" + to_path, "/" + from_path) if to_path != from_path else "."
    return rel + "/" if not rel.endswith("/") else rel


class Renderer:
    def __init__(self, tree: Tree, catalogues: dict[str, Catalogue], today: dt.date, states: dict[str, str]):
        """`states`: open, closed or expired for every order that keeps a page; refused
        orders are absent and get no page at all."""
        self.tree, self.catalogues, self.today = tree, catalogues, today
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
        self.env.filters["md"] = markdown_html
        self.states = states
        # Newest first; the id breaks ties so the order never depends on the file system.
        self.open_jobs = sorted((tree.jobs[jid] for jid, state in states.items() if state == "open"),
                                key=lambda j: (j.posted_on, j.id), reverse=True)

    # ---- formatting helpers handed to templates --------------------------------
    def _helpers(self, lang: str, path: str) -> dict:
        t = self.catalogues[lang]
        rates = self.tree.site.exchange_rates

        def date(d) -> str:
            return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.strftime("%-d %b %Y")

        def number(x) -> str:
            return f"{x:,.0f}" if float(x) == int(x) else f"{x:,.2f}"

        def money(amount, currency) -> str:
            return f"{currency} {number(amount)}"

        def cny(amount, currency) -> str | None:
            rate = rates.rate(currency)
            return None if currency == "CNY" or rate is None else number(round(amount * rate))

        def visa(kind: str) -> str:
            # Visa kinds are data a country file may add; show the id rather than fail.
            key = f"visa_{kind}"
            return t(key) if key in t.labels else kind.replace("_", " ")

        return dict(lang=lang, t=t, visa=visa, site=self.tree.site, url=lambda to: relative(path, to), date=date,
                    money=money, cny=cny, number=number, today=self.today, tree=self.tree,
                    states=self.states, open_jobs=self.open_jobs, page_order=PAGE_ORDER,
                    rates_as_of=date(rates.as_of))

    def _page(self, lang: str, path: str, template: str, title: str, description: str, listed: bool = True,
              scripts: tuple = (), **ctx) -> Page:
        body = self.env.get_template(template).render(**self._helpers(lang, path), page_path=path, **ctx)
        # Blank lines would end MkDocs' raw-HTML block; our templates never need them.
        body = "\n".join(line for line in body.splitlines() if line.strip())
        return Page(path, title, description, body, listed, scripts)

    # ---- the pages ---------------------------------------------------------------
    def pages(self, lang: str) -> list[Page]:
        t, tree = self.catalogues[lang], self.tree
        site_name = tree.site.site.name[lang]
        out = [self._page(lang, "", "home.html", site_name, t("home_intro")),
               self._page(lang, "jobs/", "jobs.html", t("jobs_title"), t("jobs_intro"), jobs=self.open_jobs)]
        for jid in sorted(self.states):
            job = tree.jobs[jid]
            out.append(self._page(lang, f"jobs/{jid}/", "job.html", job.title[lang],
                                  _summary(job, lang), listed=self.states[jid] == "open", job=job, state=self.states[jid],
                                  agency=tree.agencies[job.agency], country=tree.countries[job.employer.country]))
        out.append(self._page(lang, "destinations/", "destinations.html", t("destinations_title"),
                              t("destinations_intro")))
        for key, country in sorted(tree.countries.items()):
            jobs = [j for j in self.open_jobs if j.employer.country == key]
            out.append(self._page(lang, f"destinations/{key.lower()}/", "destination.html", country.name[lang],
                                  country.name[lang], country=country, jobs=jobs))
        out.append(self._page(lang, "courses/", "courses.html", t("courses_title"), t("courses_intro")))
        for cid, files in sorted(tree.courses.items()):
            course = files.course
            jobs = [j for j in self.open_jobs if cid in j.training]
            out.append(self._page(lang, f"courses/{cid}/", "course.html", course.title[lang], course.summary[lang],
                                  scripts=QUIZ_SCRIPTS, course=course, jobs=jobs))
            for lesson in course.lessons:
                quiz = files.quizzes.get(lesson.quiz, (None, None))[0] if lesson.quiz else None
                out.append(self._page(lang, f"courses/{cid}/{lesson.id}/", "lesson.html", lesson.title[lang],
                                      course.title[lang], scripts=QUIZ_SCRIPTS, course=course, lesson=lesson, quiz=quiz,
                                      body=files.bodies.get((lesson.id, lang), "")))
        for slug, page in sorted(tree.pages.items()):
            out.append(self._page(lang, f"{slug}/", "page.html", page.title[lang], page.title[lang],
                                  body=page.body[lang]))
        return out


def _summary(job, lang: str) -> str:
    return f"{job.title[lang]} · {job.employer.city[lang]} · {job.positions}"


def front_matter(page: Page, lang: str, other: str) -> str:
    """YAML front matter for MkDocs; JSON strings are valid YAML and escape anything.

    MkDocs renders its theme without autoescaping, and Material puts the title into the
    header, the <h1> and meta tags as raw HTML: so title and description go in already
    HTML-escaped (browsers decode the entities, also inside <title>)."""
    meta = {"title": html.escape(page.title), "description": html.escape(page.description), "alt_path": page.path,
            "alt_lang": other, "sitemap": page.listed, "scripts": list(page.scripts)}
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n"
