"""Atom and JSON Feed of open vacancies, one pair per language."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def _when(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _summary(job, lang: str, t, money_text: str) -> str:
    return (f"{job.employer.city[lang]} · {t('job_wage')}: {money_text} · {t('job_positions')}: {job.positions} · "
            f"{t('job_apply_by')}: {job.apply_by.isoformat()}")


def atom(jobs, lang: str, t, site, root_url: str, updated: dt.date, money) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site.site.name[lang]} · {t('jobs_title')}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = root_url + "jobs/"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _when(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": root_url + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": root_url + "jobs/"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site.site.name[lang]
    for job in jobs:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = f"{root_url}jobs/{job.id}/"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = job.title[lang]
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _when(job.posted_on)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _when(job.posted_on)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _summary(job, lang, t, money(job))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def json_feed(jobs, lang: str, t, site, root_url: str, money) -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{site.site.name[lang]} · {t('jobs_title')}",
        "home_page_url": root_url + "jobs/",
        "feed_url": root_url + "feed.json",
        "language": lang,
        "items": [{"id": f"{root_url}jobs/{job.id}/", "url": f"{root_url}jobs/{job.id}/", "title": job.title[lang],
                   "content_text": _summary(job, lang, t, money(job)), "date_published": _when(job.posted_on),
                   "tags": [job.employer.country, job.trade]} for job in jobs],
    }, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
