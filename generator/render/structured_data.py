"""schema.org JobPosting for an open job page, and safe embedding of JSON in HTML."""
from __future__ import annotations

import json

from markupsafe import Markup

UNIT = {"hour": "HOUR", "day": "DAY", "month": "MONTH"}


def script_json(data) -> Markup:
    """JSON inside <script>: escape <, > and & so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def job_posting(job, lang: str, agency, country, url: str, description: str) -> dict:
    return {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title[lang],
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": "filing number", "value": job.filing.number},
        "datePosted": job.posted_on.isoformat(),
        "validThrough": f"{job.apply_by.isoformat()}T23:59:59",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": job.employer.name[lang]},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": job.employer.city[lang],
            "addressCountry": country.key.split("-")[0],
            **({"addressRegion": country.key} if country.domestic else {})}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": job.wage.currency, "value": {
            "@type": "QuantitativeValue", "value": job.wage.amount, "unitText": UNIT[job.wage.per]}},
        "totalJobOpenings": job.positions,
        "url": url,
    }
