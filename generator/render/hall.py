"""The service hall: a touch-screen kiosk (kiosk/) and a big-screen vacancy board (screen/).

Both are full-screen apps with no site chrome: standalone documents like the posters,
each drawing itself from a JSON file beside it (kiosk.js, screen.js), so a new build
reaches a screen nobody touches by a data reload. The kiosk loads both languages' files
at start, so a visitor switches language with no wait and no connection; one build serves
a Chinese and an English board (?lang=). A service worker per app keeps the last load
working when the hall's connection drops.

Everything the screens show is formatted here, with the site's own helpers and money.py,
so the kiosk, the board and the job pages can never disagree.
"""
from __future__ import annotations

import hashlib
import json
import re

from generator.render import verify_index
from generator.source import money
from generator.source.labels import LANGS

IDLE_SECONDS = 90        # the kiosk returns to its start screen after this long untouched (?idle=)
REFRESH_MINUTES = 5      # both screens fetch their data this often (?refresh=)
PAGE_SECONDS = 12        # the board shows each page this long (?seconds=)

# Labels each screen needs, besides those named after it (kiosk_…, screen_…).
SHARED = ("closing_soon", "hotline", "complaints", "job_apply_only", "job_no_deposit", "job_destination",
          "job_wage", "job_positions", "job_apply_by", "job_filing", "other_lang_name")
KIOSK_SHARED = SHARED + ("verify_open", "verify_closed", "verify_expired", "verify_agency_valid",
                         "verify_agency_expired", "verify_not_found", "verify_valid_until", "verify_scope",
                         "verify_scope_overseas", "verify_scope_domestic", "job_trade", "job_facts")


def files(renderer, lang: str, closing_soon_days: int) -> dict[str, str]:
    """Path inside the language root → text: both apps' documents, data and service workers.
    Each language root holds its own language's data; a screen switching language reads
    the other root's file (`data_urls`), so no build process makes the other's QR codes."""
    kiosk = _versioned({"closing_soon_days": closing_soon_days, "prefixes": _prefixes(renderer),
                        **_language(renderer, lang, "kiosk")})
    screen = _versioned({"closing_soon_days": closing_soon_days, **_language(renderer, lang, "screen")})
    t = renderer.catalogues[lang]
    kiosk_data, screen_data = data_urls(lang, "kiosk"), data_urls(lang, "screen")
    return {
        "kiosk/index.html": renderer._document(lang, "kiosk/", "kiosk.html", t("kiosk_title"), data=kiosk_data,
                                               idle=IDLE_SECONDS, refresh=REFRESH_MINUTES),
        "kiosk/data.json": _json(kiosk),
        "kiosk/sw.js": _worker(renderer, "kiosk", kiosk["version"], sorted(kiosk_data.values()) + [
            "../assets/verify-key.js", "../assets/kiosk.js", "../assets/kiosk.css"] + [
            f"../verify/shards/{i:02d}.json" for i in range(verify_index.SHARDS)]),
        "screen/index.html": renderer._document(lang, "screen/", "screen.html", t("screen_title"), data=screen_data,
                                                seconds=PAGE_SECONDS, refresh=REFRESH_MINUTES),
        "screen/data.json": _json(screen),
        "screen/sw.js": _worker(renderer, "screen", screen["version"], sorted(screen_data.values()) + [
            "../assets/screen.js", "../assets/screen.css"]),
    }


def data_urls(lang: str, app: str) -> dict[str, str]:
    """Each language's data file, relative to this language's `app/` folder: the Chinese
    site is the root, the others live under /<lang>/."""
    up = "../" * (1 + (lang != LANGS[0]))          # from <lang>/<app>/ to the site's root
    return {code: "data.json" if code == lang else f"{up}{'' if code == LANGS[0] else code + '/'}{app}/data.json"
            for code in LANGS}


def _language(renderer, lang: str, app: str) -> dict:
    """One language's view of the open orders, labels and the centre's numbers."""
    t, tree = renderer.catalogues[lang], renderer.tree
    helpers = renderer._helpers(lang, f"{app}/")
    jobs = renderer.open_jobs
    if app == "screen":   # a board is read by destination: grouped, the soonest to close first
        jobs = sorted(jobs, key=lambda j: (tree.countries[j.employer.country].name[lang], j.apply_by, j.id))
    keys = KIOSK_SHARED if app == "kiosk" else SHARED
    out = {
        "lang": lang, "labels": {k: v for k, v in sorted(t.labels.items()) if k.startswith(app + "_") or k in keys},
        "centre": tree.site.site.name[lang], "hotline": tree.site.centre.hotline,
        "complaints": tree.site.centre.complaints, "registration": tree.site.centre.registration[lang],
        "today": helpers["date"](renderer.today),
        "countries": {k: c.name[lang] for k, c in sorted(tree.countries.items())},
        "trades": {k: name[lang] for k, name in sorted(tree.site.trades.items())},
        "jobs": [_job(renderer, lang, helpers, job, details=app == "kiosk") for job in jobs],
    }
    return out


def _job(renderer, lang: str, h: dict, job, details: bool) -> dict:
    t, tree = renderer.catalogues[lang], renderer.tree
    rates = tree.site.exchange_rates
    country = tree.countries[job.employer.country]
    wage = f"{h['money'](job.wage.amount, job.wage.currency)} / {t('job_per_' + job.wage.per)}"
    cny = money.monthly_wage_cny(job, rates)
    monthly = None if job.wage.currency == "CNY" and job.wage.per == "month" else \
        t("hall_monthly_cny", amount=h["number"](round(cny)))
    out = {"id": job.id, "country": job.employer.country, "trade": job.trade, "title": job.title[lang],
           "place": f"{country.name[lang]} · {job.employer.city[lang]}", "country_name": country.name[lang],
           "city": job.employer.city[lang], "wage": wage, "monthly": monthly,
           "positions": job.positions, "apply_by": job.apply_by.isoformat(), "apply_by_text": h["date"](job.apply_by)}
    if details:
        url = h["canonical"](f"jobs/{job.id}/")
        out |= {"facts": _facts(t, h, job, country, wage, monthly), "duties": job.duties[lang],
                "filing": job.filing.number, "url": url, "qr": renderer.qr_matrix(lang, url)}
    return out


def _facts(t, h: dict, job, country, wage: str, monthly: str | None) -> list[list[str]]:
    """The job page's facts box as label–text pairs; a line break is "\\n" (kiosk.js
    shows the text as it is, never as HTML)."""
    c = job.contract
    paid = [x for x in job.costs if x.amount]
    costs = "\n".join(f"{x.item[h['lang']]}: {h['money'](x.amount, x.currency)}" for x in paid)
    if paid:
        total = money.worker_costs_cny(job, h["site"].exchange_rates)
        costs += f"\n{t('job_costs_total')} {h['money'](round(total), 'CNY')}"
    contract = t("job_contract_value", months=c.months) + (
        ", " + t("job_probation", months=c.probation_months) if c.probation_months else "")
    provided = " · ".join(f"{t('job_' + k)}: {t('provided_yes') if getattr(job.provided, k) else t('provided_no')}"
                          for k in ("housing", "meals", "insurance", "air_ticket"))
    lang = h["lang"]
    return [
        [t("job_wage"), "\n".join(filter(None, [wage, monthly, f"{t('job_overtime')}: {job.wage.overtime[lang]}"]))],
        [t("job_costs"), costs or t("job_costs_none")],
        [t("job_hours"), t("job_hours_value", hours=h["number"](c.hours_per_week), rest=c.rest_days_per_month)],
        [t("job_contract"), contract],
        [t("job_provided"), provided],
        [t("job_positions"), str(job.positions)],
        [t("job_selection"), f"{job.selection.method[lang]}\n{h['date'](job.selection.date)} · "
                             f"{job.selection.place[lang]}"],
        [t("job_apply_by"), h["date"](job.apply_by)],
        [t("job_destination"), f"{country.name[lang]} · {job.employer.city[lang]}"],
        [t("job_employer"), job.employer.name[lang]],
        [t("job_trade"), h["site"].trades[job.trade][lang]],
        [t("job_starts"), job.starts],
        [t("job_visa"), h["visa"](job.visa) if job.visa else t("visa_none")],
        [t("job_age"), t("job_age_value", low=job.requirements.age[0], high=job.requirements.age[1])],
        [t("job_gender"), t("gender_" + job.requirements.gender)],
        [t("job_skills"), job.requirements.skills[lang]],
        [t("job_filing"), job.filing.number or "—"],
    ]


def _prefixes(renderer) -> list[str]:
    """The letters that begin filing and licence numbers (WP, QH…): keys on the kiosk's
    number pad, so a visitor can type a number from a poster without a keyboard."""
    entries = verify_index.entries(renderer.tree, renderer.states, renderer.today)
    found = {m.group(0).upper() for e in entries.values() if (m := re.match(r"[A-Za-z]+", e["number"]))}
    return sorted(found)


def _versioned(data: dict) -> dict:
    """A version that changes with the content: a screen that sees a new one reloads."""
    return {"version": hashlib.sha256(_json(data).encode("utf-8")).hexdigest()[:16], **data}


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _worker(renderer, app: str, version: str, assets: list[str]) -> str:
    return renderer.env.get_template("hall_sw.js").render(app=app, version=version, precache=["./"] + assets)
