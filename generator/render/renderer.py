"""Render the site model into pages, one set per language: the fourth pipeline stage.

Jinja with StrictUndefined and autoescaping: a misspelt variable fails the build, and
no text from YAML reaches HTML except escaped or through sanitize.markdown_html (render/sanitize.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.render import feeds
from generator.render import help as help_view
from generator.source import money, phones
from generator.render import qr
from generator.render import verify_index
from generator.render import hall, wages
from generator.source.labels import Catalogue
from generator.source.load import Tree
from generator.render.sanitize import markdown_html
from generator.render.structured_data import job_posting, script_json

TEMPLATES = Path(__file__).parent / "templates"
PAGE_ORDER = ["how-to-apply", "illegal-agencies", "about", "contact"]
QUIZ_SCRIPTS = ("assets/quiz.js",)     # self-check quizzes, progress and classroom mode
LANG_PREFIX = {"zh": "", "en": "en/"}  # where each language lives in the site
LIST_STATIC = 100          # the vacancy list's HTML shows the newest; jobs.js filters them all
LIST_CAP = 20              # vacancies shown on a destination or course page; the rest by link
PAGE_SIZE = 50             # vacancies per page of a static list
CLOSING_SOON_DAYS = 14


@dataclass(frozen=True)
class Page:
    path: str           # URL path inside one language, "" for home, else ending in "/"
    title: str
    description: str
    body: str           # HTML
    listed: bool = True  # in sitemap.xml; closed and expired orders are not
    scripts: tuple = ()  # extra scripts for this page, paths from the language root (assets/…)
    styles: tuple = ()   # extra style sheets, likewise
    searchable: bool = False  # in the site search: open orders and reading pages, not lists
    hide: tuple = ()     # Material's front-matter `hide` (navigation, toc) for print pages


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
        # The build cache (publish/cache.py), or None: recall(lang, key, make) gives a
        # rendered body from an earlier build when everything it shows is unchanged.
        self.memo = None
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

        def money_text(amount, currency) -> str:
            return f"{currency} {number(amount)}"

        def cny(amount, currency) -> str | None:
            rate = rates.rate(currency)
            return None if currency == "CNY" or rate is None else number(round(amount * rate))

        def departure(job) -> dict | None:
            """The job page's total before departure and its share of the first month's wage."""
            figures = money.before_departure(job, rates)
            if figures is None or not figures[0]:
                return None
            total, wage, share = figures
            return dict(total=money_text(round(total), "CNY"), wage=money_text(round(wage), "CNY") if wage else None,
                        approx=any(c.currency != "CNY" for c in job.costs if c.amount),
                        share=None if share is None else f"{share * 100:.{1 if share < 0.1 else 0}f}",
                        rates=" · ".join(f"1 {c} = {rates.rate(c):g} CNY" for c in money.currencies(job)
                                         if rates.rate(c)))

        def visa(kind: str) -> str:
            # Visa kinds are data a country file may add; show the id rather than fail.
            key = f"visa_{kind}"
            return t(key) if key in t.labels else kind.replace("_", " ")

        def closing_soon(job) -> bool:
            return 0 <= (job.apply_by - self.today).days <= CLOSING_SOON_DAYS

        def canonical(to: str) -> str:
            return self.tree.site.site.base_url + LANG_PREFIX[lang] + to

        def posting(job, agency, country) -> str:
            data = job_posting(job, lang, agency, country, canonical(f"jobs/{job.id}/"), job.description[lang])
            return script_json(data)

        return dict(lang=lang, t=t, visa=visa, closing_soon=closing_soon, canonical=canonical,
                    qr=lambda link: self.qr_svg(lang, link), posting=posting, site=self.tree.site,
                    url=lambda to: relative(path, to), date=date, money=money_text, cny=cny, departure=departure,
                    number=number, tree=self.tree, open_jobs=self.open_jobs,
                    rates_as_of=date(rates.as_of), built_on=date(self.today), tel=phones.tel)

    def _page(self, lang: str, path: str, template: str, title: str, description: str, listed: bool = True,
              scripts: tuple = (), styles: tuple = (), searchable: bool = False, hide: tuple = (),
              memo: str | None = None, **ctx) -> Page:
        def render() -> str:
            body = self.env.get_template(template).render(**self._helpers(lang, path), page_path=path, **ctx)
            # Blank lines would end MkDocs' raw-HTML block; our templates never need them.
            return "\n".join(line for line in body.splitlines() if line.strip())
        body = self._recall(lang, f"{template}|{path}|{memo}", render) if memo else render()
        return Page(path, title, description, body, listed, scripts, styles, searchable, hide)

    def _recall(self, lang: str, key: str, render) -> str:
        return self.memo.recall(lang, key, render) if self.memo is not None else render()

    # QR codes cost 2 ms each and every poster board and hall file repeats them: kept in
    # the build cache by URL (they depend on nothing else).
    def qr_svg(self, lang: str, link: str) -> Markup:
        return Markup(self._recall(lang, f"qr.svg|{link}", lambda: str(qr.svg(link))))

    def qr_matrix(self, lang: str, link: str) -> dict:
        return json.loads(self._recall(lang, f"qr.matrix|{link}", lambda: json.dumps(qr.matrix(link))))

    def _order_key(self, jid: str) -> str:
        """What a page of one order shows besides the shared context: its file and state."""
        text = self.tree.raw_jobs[jid].text
        return f"{self.states[jid]}|{hashlib.sha256(text.encode('utf-8')).hexdigest()}"

    # ---- the pages ---------------------------------------------------------------
    def pages(self, lang: str, only: set[str] | None = None) -> list[Page]:
        return list(self.iter_pages(lang, only))

    # One page at a time, so a build can put each on disk before the next is made.
    def iter_pages(self, lang: str, only: set[str] | None = None) -> Iterator[Page]:
        """Every page; or, for serve after an edit to job orders only, the pages of the
        orders in `only` and every page that lists orders (the rest cannot have changed)."""
        t, tree = self.catalogues[lang], self.tree
        site_name = tree.site.site.name[lang]
        yield from [self._page(lang, "", "home.html", site_name, t("home_intro")),
                    self._page(lang, "jobs/", "jobs.html", t("jobs_title"), t("jobs_intro"),
                               scripts=("assets/jobs.js",), jobs=self.open_jobs[:LIST_STATIC])]
        if only is None:
            yield from [
               self._page(lang, "verify/", "verify.html", t("verify_title"), t("verify_intro"),
                          scripts=("assets/verify-key.js", "assets/verify.js"), verify_labels=script_json(
                              {k: v for k, v in t.labels.items() if k.startswith("verify_")} |
                              {"complaints": t("complaints"), "number": tree.site.centre.complaints,
                               "tel": phones.tel(tree.site.centre.complaints),
                               "apply_by": t("job_apply_by"), "approved_on": t("job_approved_on"),
                               "built_on": self.today.isoformat()})),
               self._page(lang, "search/", "search.html", t("search_title"), t("search_intro"),
                          scripts=("assets/search.js",))]
        for jid in sorted(self.states if only is None else self.states.keys() & only):
            job = tree.jobs[jid]
            state = self.states[jid]
            yield (self._page(lang, f"jobs/{jid}/", "job.html", job.title[lang], _summary(job, lang),
                                  listed=state == "open", searchable=state == "open", memo=self._order_key(jid),
                                  job=job, state=state,
                                  agency=tree.agencies[job.agency], country=tree.countries[job.employer.country]))
        # Static lists, paginated, so they work without JavaScript at any scale.
        for trade in sorted({j.trade for j in self.open_jobs}):
            yield from self._listing(lang, f"jobs/trade/{trade}/", tree.site.trades[trade][lang],
                                 [j for j in self.open_jobs if j.trade == trade])
        for key in sorted({j.employer.country for j in self.open_jobs}):
            yield from self._listing(lang, f"jobs/country/{key.lower()}/", tree.countries[key].name[lang],
                                 [j for j in self.open_jobs if j.employer.country == key])
        yield (self._wage_list(lang))
        # Posters: one page per order, and one printable board per destination.
        yield (self._page(lang, "posters/", "posters.html", t("posters_title"), t("posters_intro")))
        yield (self._page(lang, "destinations/", "destinations.html", t("destinations_title"),
                              t("destinations_intro")))
        for key, country in sorted(tree.countries.items()):
            jobs = [j for j in self.open_jobs if j.employer.country == key]
            contacts = help_view.contacts(tree.site, country, lang, self.catalogues)
            yield (self._page(lang, f"destinations/{key.lower()}/", "destination.html", country.name[lang],
                                  country.name[lang], searchable=True, country=country, jobs=jobs[:LIST_CAP],
                                  jobs_total=len(jobs), help_contacts=contacts,
                                  help_cases=help_view.by_case(contacts)))
        yield (self._page(lang, "courses/", "courses.html", t("courses_title"), t("courses_intro"),
                              scripts=QUIZ_SCRIPTS))
        for cid, files in sorted(tree.courses.items()):
            course = files.course
            jobs = [j for j in self.open_jobs if cid in j.training]
            yield (self._page(lang, f"courses/{cid}/", "course.html", course.title[lang], course.summary[lang],
                                  scripts=QUIZ_SCRIPTS, searchable=True, course=course, jobs=jobs[:LIST_CAP],
                                  jobs_total=len(jobs), cards=self._carded() if cid == tree.site.policy.core_course
                                  else []))
            for lesson in course.lessons if only is None else ():
                quiz = files.quizzes.get(lesson.quiz, (None, None))[0] if lesson.quiz else None
                yield (self._page(lang, f"courses/{cid}/{lesson.id}/", "lesson.html", lesson.title[lang],
                                      course.title[lang], scripts=QUIZ_SCRIPTS, searchable=True, course=course,
                                      lesson=lesson, quiz=quiz, body=files.bodies.get((lesson.id, lang), "")))
        for slug, page in sorted(tree.pages.items()) if only is None else ():
            yield (self._page(lang, f"{slug}/", "page.html", page.title[lang], page.title[lang],
                                  searchable=True, body=page.body[lang]))

    def _listing(self, lang: str, path: str, title: str, jobs: list) -> list[Page]:
        t = self.catalogues[lang]
        chunks = [jobs[i:i + PAGE_SIZE] for i in range(0, len(jobs), PAGE_SIZE)] or [[]]
        paths = [path] + [f"{path}{n}/" for n in range(2, len(chunks) + 1)]
        return [self._page(lang, paths[i], "listing.html", title if i == 0 else f"{title} ({i + 1})",
                           t("jobs_intro"), jobs=chunk, total=len(jobs),
                           prev=paths[i - 1] if i else None, next=paths[i + 1] if i + 1 < len(paths) else None)
                for i, chunk in enumerate(chunks)]

    def _wage_list(self, lang: str) -> Page:
        t, rates = self.catalogues[lang], self.tree.site.exchange_rates
        used = " · ".join(f"{c} {rates.rate(c):g}" for c in wages.currencies(self.open_jobs)) or "—"
        return self._page(lang, "wages/", "wages.html", t("wages_title"), t("wages_intro"),
                          scripts=("assets/wages.js",), styles=("assets/wages.css",), hide=("navigation", "toc"),
                          rows=wages.rows(self.open_jobs, rates), rates_used=used, today=self.today)

    # ---- data files beside the pages ---------------------------------------------
    def files(self, lang: str, only: set[str] | None = None) -> dict[str, str]:
        """Path inside the language root → text: the vacancy index, feeds, verify shards,
        posters, and the service hall's kiosk and board."""
        t, site = self.catalogues[lang], self.tree.site
        root_url = site.site.base_url + LANG_PREFIX[lang]
        helpers = self._helpers(lang, "")

        def wage_text(job):
            return f"{helpers['money'](job.wage.amount, job.wage.currency)} / {t('job_per_' + job.wage.per)}"

        out = {"jobs/index.json": json.dumps([self._list_entry(job, lang, wage_text) for job in self.open_jobs],
                                             ensure_ascii=False, sort_keys=True, separators=(",", ":")),
               "feed.xml": feeds.atom(self.open_jobs, lang, t, site, root_url, self.today, wage_text),
               "feed.json": feeds.json_feed(self.open_jobs, lang, t, site, root_url, wage_text)}
        for name, text in verify_index.shard_files(verify_index.entries(self.tree, self.states, self.today)).items():
            out[f"verify/shards/{name}"] = text
        # Posters are print sheets, not reading pages: plain HTML documents, no theme, so
        # a province's thousands of them cost MkDocs nothing.
        for key in sorted({j.employer.country for j in self.open_jobs}):
            path = f"posters/board/{key.lower()}/"
            out[path + "index.html"] = self._document(
                lang, path, "poster_board.html", f"{t('posters_title')} · {self.tree.countries[key].name[lang]}",
                jobs=[j for j in self.open_jobs if j.employer.country == key])
        # …and one board with every open order, grouped by destination: a centre printing
        # for all its villages at once (README: one A4 sheet per open order).
        if self.open_jobs:
            out["posters/all/index.html"] = self._document(
                lang, "posters/all/", "poster_board.html", f"{t('posters_title')} · {t('posters_all')}",
                jobs=sorted(self.open_jobs, key=lambda j: (j.employer.country, j.id)))
        # Wallet cards: one print sheet per destination that has its help block.
        for country in self._carded() if only is None else ():
            path = f"cards/{country.key.lower()}/"
            out[path + "index.html"] = self._document(
                lang, path, "card.html", f"{t('cards_title')} · {country.name[lang]}", country=country,
                contacts=help_view.contacts(site, country, lang, self.catalogues),
                t_other=self.catalogues["en" if lang == "zh" else "zh"], other="en" if lang == "zh" else "zh",
                **help_view.sheet())
        for job in self.open_jobs if only is None else [j for j in self.open_jobs if j.id in only]:
            path = f"posters/{job.id}/"
            out[path + "index.html"] = self._recall(lang, f"poster.html|{path}|{self._order_key(job.id)}", lambda: (
                self._document(lang, path, "poster.html", job.title[lang], job=job)))
        out |= hall.files(self, lang, CLOSING_SOON_DAYS)   # the kiosk and the board list every open order
        return out

    def _carded(self) -> list:
        return [c for _, c in sorted(self.tree.countries.items()) if c.help is not None]

    def _document(self, lang: str, path: str, template: str, title: str, **ctx) -> str:
        return self.env.get_template(template).render(**self._helpers(lang, path), page_path=path, title=title,
                                                      **ctx)

    def _list_entry(self, job, lang: str, wage_text) -> dict:
        rates = self.tree.site.exchange_rates
        cny = money.monthly_wage_cny(job, rates)
        return {"id": job.id, "title": job.title[lang], "country": job.employer.country,
                "place": f"{self.tree.countries[job.employer.country].name[lang]} · {job.employer.city[lang]}",
                "trade": job.trade, "wage": wage_text(job), "cny_month": round(cny) if cny is not None else None,
                "positions": job.positions, "apply_by": job.apply_by.isoformat(), "posted_on": job.posted_on.isoformat()}


def _summary(job, lang: str) -> str:
    return f"{job.title[lang]} · {job.employer.city[lang]} · {job.positions}"


def front_matter(page: Page, lang: str, other: str) -> str:
    """YAML front matter for MkDocs; JSON strings are valid YAML and escape anything.

    MkDocs renders its theme without autoescaping, and Material puts the title into the
    header, the <h1> and meta tags as raw HTML: so title and description go in already
    HTML-escaped (browsers decode the entities, also inside <title>)."""
    meta = {"title": html.escape(page.title), "description": html.escape(page.description), "alt_path": page.path,
            "alt_lang": other, "sitemap": page.listed, "scripts": list(page.scripts), "styles": list(page.styles),
            "search": page.searchable, "hide": list(page.hide)}
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n"
