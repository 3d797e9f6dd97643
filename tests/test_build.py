"""The built site: every item has a page in both languages; builds are deterministic and atomic."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path


from conftest import ROOT, TODAY
from generator.publish import mkdocs_site
from generator.problems import BuildFailed

LANG_ROOTS = {"zh": "", "en": "en/"}


def pages_expected() -> list[str]:
    jobs = [f"jobs/{p.stem}/" for p in (ROOT / "content/jobs").glob("*.yml")]
    countries = [f"destinations/{p.stem.lower()}/" for p in (ROOT / "content/countries").glob("*.yml")]
    courses, lessons = [], []
    import yaml
    for c in (ROOT / "courses").glob("*/course.yml"):
        courses.append(f"courses/{c.parent.name}/")
        lessons += [f"courses/{c.parent.name}/{l['id']}/" for l in yaml.safe_load(c.read_text())["lessons"]]
    return ["", "jobs/", "destinations/", "courses/", "about/", "contact/", "how-to-apply/",
            "illegal-agencies/"] + jobs + countries + courses + lessons


def test_every_item_has_a_page_in_both_languages(built_site):
    expected = pages_expected()
    assert len(expected) > 40
    for lang, prefix in LANG_ROOTS.items():
        for path in expected:
            page = built_site / prefix / path / "index.html"
            assert page.is_file(), f"missing {lang} page {path}"
            html = page.read_text("utf-8")
            assert f'<html lang="{lang}"' in html, path
            other = "en" if lang == "zh" else "zh"
            # the header links the same page in the other language
            match = re.search(rf'href="([^"]*)" hreflang="{other}"', html)
            assert match, path
            target = (page.parent / match.group(1)).resolve() / "index.html"
            assert target == (built_site / LANG_ROOTS[other] / path / "index.html").resolve(), path


def test_no_reference_to_another_origin_in_pages(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            url = re.search(r'(?:src|href)="([^"]+)"', tag)
            if url and "rel=\"canonical\"" not in tag:
                assert not re.match(r"(https?:)?//", url.group(1)), (page, tag)


def _digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, tmp_path, cli):
    out = tmp_path / "again"
    assert cli("--root", ROOT, "build", "--out", out, "--today", TODAY)[0] == 0
    first, second = _digest_tree(built_site), _digest_tree(out)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_failed_build_leaves_site_untouched(tree, tmp_path, cli, monkeypatch):
    out = tmp_path / "site"
    assert cli("--root", tree, "build", "--out", out, "--today", TODAY)[0] == 0
    before = _digest_tree(out)

    # 1. bad input: nothing is even staged
    (tree / "content/jobs/sg-2026-0101.yml").write_text("positions: [\n", "utf-8")
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY)
    assert code == 1 and "content/jobs/sg-2026-0101.yml:1:" in err and "a bracket [ is not closed" in err
    assert _digest_tree(out) == before

    # 2. MkDocs fails midway, after one language has been written
    (tree / "content/jobs/sg-2026-0101.yml").unlink()
    real = mkdocs_site.build_all

    def half_then_fail(configs, env, then=None):
        real(configs, env)       # this language's MkDocs output is written, then it fails
        raise BuildFailed(("模拟的失败", "simulated failure"), "after MkDocs wrote its output")
    monkeypatch.setattr("generator.publish.build.build_all", half_then_fail)
    code, _, err = cli("--root", tree, "build", "--out", out, "--today", TODAY)
    assert code == 1 and "simulated failure" in err and "Traceback" not in err
    assert _digest_tree(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site.")] in ([], [".site.lock"])


def test_closed_order_keeps_a_page_but_is_not_listed(built_site):
    closed = built_site / "jobs/ae-2026-0401/index.html"
    assert closed.is_file()
    assert "此岗位已停止招聘" in closed.read_text("utf-8")
    listing = (built_site / "jobs/index.html").read_text("utf-8")
    assert "ae-2026-0401" not in listing
    assert "jobs/ae-2026-0401/" not in (built_site / "sitemap.xml").read_text("utf-8")


def test_missing_ui_label_fails_the_build(tree, cli):
    cat = tree / "theme/i18n/en.yml"
    cat.write_text("\n".join(l for l in cat.read_text("utf-8").splitlines() if not l.startswith("job_wage:")), "utf-8")
    code, _, err = cli("--root", tree, "build", "--out", tree / "site", "--today", TODAY)
    assert code == 1
    assert "theme/i18n/en.yml lacks ['job_wage']" in err
    assert not (tree / "site").exists()


class _InlineScripts(HTMLParser):
    """The bodies of the inline scripts a browser would run: no src, and no type or a
    JavaScript one (JSON and JSON-LD are data)."""
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.bodies, self._body = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" not in a and (a.get("type") or "text/javascript").lower() in (
                "text/javascript", "module", "application/javascript"):
            self._body = ""

    def handle_data(self, data):
        if self._body is not None:
            self._body += data

    def handle_endtag(self, tag):
        if tag == "script" and self._body is not None:
            self.bodies.append(self._body)
            self._body = None


def _script_src(csp_line: str) -> set[str]:
    policy = re.search(r"Content-Security-Policy:? \"?(default-src [^\"\n]+)", csp_line)[1]
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src "))
    return set(directive.split()[1:])


def test_every_inline_script_of_every_page_has_its_hash_in_the_policy(built_site):
    """Static: a page whose inline script lacks its hash breaks under the CSP in the
    browser, on a page (say en/404.html) no browser test may open."""
    allowed = {"_headers": _script_src((built_site / "_headers").read_text("utf-8")),
               "deploy/nginx.conf": _script_src((ROOT / "deploy/nginx.conf").read_text("utf-8"))}
    assert "'unsafe-inline'" not in allowed["_headers"]
    pages = sorted(built_site.rglob("*.html"))
    missing, seen = [], set()
    for page in pages:
        scripts = _InlineScripts()
        scripts.feed(page.read_text("utf-8"))
        for body in scripts.bodies:
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            seen.add(digest)
            missing += [f"{page.relative_to(built_site)}: {digest} not in {where}"
                        for where, hashes in allowed.items() if digest not in hashes]
    assert missing == []
    assert len(pages) > 100 and len(seen) > 2
    assert (built_site / "en/404.html") in pages
