"""Help in trouble: the numbers on destination pages and wallet cards, their sources, the
agency's 24-hour contact, and the card as Chromium prints it."""
from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import zipfile

import pytest

from conftest import ARTIFACTS, ROOT, TODAY
from generator.render import help as help_view
from generator.source import phones
from generator.source.models.help import card_rows
from generator.vetting.check import check

BASE = "https://jobs.example.org/"


@pytest.fixture(scope="module")
def sample():
    return check(ROOT, dt.date.fromisoformat(TODAY))


def _edit(path, old, new, count=1):
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


def _help_block(page_html: str) -> str:
    start = page_html.index('<section class="lx-help" id="help"')
    return page_html[start:page_html.index("</section>", start)]


# ---- the data ---------------------------------------------------------------------

def test_every_sample_destination_has_a_sourced_labour_rights_line(sample):
    assert set(sample.tree.countries) == {"SG", "JP", "AE", "DZ", "CN-GD"}
    for key, country in sample.tree.countries.items():
        labour = [line for line in country.help.lines if line.kind == "labour"]
        assert labour, key
        for line in labour:
            assert line.source.startswith(("http://", "https://")) and line.reviewed_on, (key, line.id)


def test_numbers_from_secondary_sources_say_so(sample):
    lines = [line for c in sample.tree.countries.values() for line in c.help.lines]
    lines.append(sample.tree.site.help_abroad.consular_hotline)
    assert any(line.verified == "secondary" for line in lines)
    for line in lines:
        assert line.verified in ("primary", "secondary")
        if line.verified == "secondary":
            assert line.note and len(line.note) > 20, line.id


def test_the_centres_number_is_dialled_from_abroad_with_86():
    assert phones.from_china("0527-8800 1234") == "+86 527 8800 1234"
    assert phones.from_china("139 5270 1234") == "+86 139 5270 1234"
    assert phones.from_china("+86 10 12308") == "+86 10 12308"
    assert phones.from_china("12345") is None
    assert phones.tel("+65-6475-0165") == "tel:+6564750165"


@pytest.mark.parametrize("file, old, new, expect", [
    ("content/countries/SG.yml", 'phone: "+65 6438 5122"', 'phone: "6438 5122"', "not in international form"),
    ("content/countries/JP.yml", "      local_only: true\n", "", "not in international form"),
    ("content/countries/JP.yml", 'phone: "0120-250-169"', 'phone: "+81 120 250 169"', "should be in local form"),
    ("content/countries/SG.yml", "      note: >-\n        No MOM contact", "      notes_for_staff: >-\n        No MOM contact",
     "unknown field 'notes_for_staff'"),
    ("content/countries/DZ.yml", "      handles:\n        zh: 欠薪、没有合同", "      handles:\n        zh: 欠薪、没有合同",
     None),
    ("content/agencies.yml", 'phone_24h: "+86 527 8861 2400"', 'phone_24h: "0527-8861 2400"', "not in international form"),
])
def test_bad_help_data_gets_a_bilingual_message(tree, cli, file, old, new, expect):
    _edit(tree / file, old, new)
    code, out, err = cli("--root", tree, "check", "--today", TODAY)
    if expect is None:                      # the unchanged control case passes
        assert code == 0, err
        return
    assert code == 1
    lines = [line for line in err.splitlines() if expect in line]
    assert lines, err
    assert lines[0].startswith(file + ":") and "Traceback" not in err
    # The Chinese line comes right before the English one.
    assert err.splitlines()[err.splitlines().index(lines[0]) - 1].startswith(file + ":")


def test_the_card_holds_three_rights(tree, cli):
    _edit(tree / "content/countries/AE.yml", "  rights:\n    zh:\n", "  rights:\n    zh:\n      - 第四条。\n")
    _edit(tree / "content/countries/AE.yml", "    en:\n      - \"Your passport", "    en:\n      - \"A fourth.\"\n      - \"Your passport")
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1 and "content/countries/AE.yml" in err and "4 rights — the wallet card holds three" in err


def test_a_secondary_number_needs_a_note(tree, cli):
    text = (tree / "content/countries/SG.yml").read_text("utf-8")
    text = re.sub(r"      note: >-\n        No MOM contact page.*?mom\.gov\.sg \(contact us\)\.\n", "", text, flags=re.S)
    (tree / "content/countries/SG.yml").write_text(text, "utf-8")
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1 and "secondary source only — say in note" in err


def test_a_foreign_destination_without_help_is_refused(tree, cli):
    text = (tree / "content/countries/JP.yml").read_text("utf-8")
    (tree / "content/countries/JP.yml").write_text(text[:text.index("# Whom to call in trouble")], "utf-8")
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1 and "content/countries/JP.yml:1: help:" in err and "whom to call in trouble" in err


def test_a_card_that_would_overflow_is_refused(tree, cli):
    _edit(tree / "content/countries/AE.yml", "      card: false\n", "", count=3)
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1 and "the wallet card's front would list 11 numbers; it holds 9" in err


def test_card_rows_match_the_printed_card(sample, built_site):
    for key, country in sample.tree.countries.items():
        page = (built_site / f"cards/{key.lower()}/index.html").read_text("utf-8")
        front = page[page.index('<div class="lx-wcard lx-wcard--front">'):]
        front = front[:front.index("</table>")]
        assert front.count("<tr>") == card_rows(country, not country.domestic, True), key


# ---- the agency's 24-hour contact ---------------------------------------------------

def test_overseas_orders_need_the_agencys_24_hour_phone(tree, cli):
    _edit(tree / "content/agencies.yml", '  phone_24h: "+86 527 8861 2400"     # 24 h emergency line for workers abroad (invented)\n', "")
    code, out, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 1
    refused = set(re.findall(r"content/jobs/([a-z]{2}-\d{4}-\d{4})\.yml:\d+: agency: \[V-AGENCY-24H\]", err))
    open_overseas = {j for j, v in check(tree, dt.date.fromisoformat(TODAY)).verdicts.items()
                     if not j.startswith("gd-") and j != "ae-2026-0401"}
    assert refused == open_overseas and refused   # every open overseas order; no domestic, no closed one
    assert "add phone_24h for hanyang-intl in content/agencies.yml" in err
    # The Centre can switch the policy off.
    _edit(tree / "site_config.yml", "agency_24h_contact: true", "agency_24h_contact: false")
    assert cli("--root", tree, "check", "--today", TODAY)[0] == 0


def test_help_numbers_get_review_warnings_on_time(tree, cli):
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    assert code == 0 and "W-HELP-REVIEW" not in err
    _edit(tree / "content/countries/SG.yml", "      reviewed_on: 2026-12-02\n      verified: secondary\n      note: >-\n        No MOM",
          "      reviewed_on: 2025-06-01\n      verified: secondary\n      note: >-\n        No MOM")
    code, _, err = cli("--root", tree, "check", "--today", TODAY)
    warned = [line for line in err.splitlines() if "W-HELP-REVIEW" in line]
    assert len(warned) == 2, err               # one finding, in Chinese and in English
    assert warned[1].startswith("content/countries/SG.yml:") and "help.lines[1].reviewed_on" in warned[1]
    assert "'Ministry of Manpower (MOM)'" in warned[1] and "secondary source only" in warned[1]


# ---- the built pages ---------------------------------------------------------------

def test_help_is_first_on_every_destination_page(sample, built_site):
    for key in sample.tree.countries:
        for prefix in ("", "en/"):
            page = (built_site / f"{prefix}destinations/{key.lower()}/index.html").read_text("utf-8")
            body = page[page.index('<div class="lx-page lx-destination">'):]
            first = re.search(r"<(section|h2|div|table|p)\b[^>]*>", body[len('<div class="lx-page lx-destination">'):])
            assert 'id="help"' in first.group(0), (key, prefix, first.group(0))


def test_tel_links_use_the_international_form(sample, built_site):
    checked = 0
    for key, country in sample.tree.countries.items():
        local = {re.sub(r"\D", "", n) for n in country.emergency.values()}
        local |= {re.sub(r"\D", "", n) for line in country.help.lines if line.local_only
                  for n in (line.phone, line.backup) if n}
        for prefix in ("", "en/"):
            page = (built_site / f"{prefix}destinations/{key.lower()}/index.html").read_text("utf-8")
            for tag in re.findall(r'<a [^>]*href="tel:[^"]*"[^>]*>', _help_block(page)):
                number = re.search(r'href="tel:([^"]*)"', tag).group(1)
                checked += 1
                if "data-local" in tag:
                    assert number in local, (key, number)       # a code the data marks as in-country only
                else:
                    assert re.fullmatch(r"\+[1-9]\d{6,14}", number), (key, number)
            assert 'href="tel:+8652788001234"' in page            # the Centre, from abroad
    assert checked > 40
    for job in ("sg-2026-0101", "jp-2026-0201"):
        page = (built_site / f"jobs/{job}/index.html").read_text("utf-8")
        assert 'href="tel:+8652788612400"' in page               # the agency's 24-hour line


def test_job_pages_link_to_the_help_block_and_the_card(built_site):
    page = (built_site / "jobs/sg-2026-0101/index.html").read_text("utf-8")
    assert 'href="../../destinations/sg/#help"' in page and 'href="../../cards/sg/"' in page
    page = (built_site / "en/jobs/dz-2026-0301/index.html").read_text("utf-8")
    assert 'href="../../destinations/dz/#help"' in page and 'href="../../cards/dz/"' in page


def test_the_core_course_links_every_card_and_the_offline_bundle_holds_them(sample, built_site, tmp_path):
    page = (built_site / "courses/pre-departure-core/index.html").read_text("utf-8")
    for key in sample.tree.countries:
        assert f'href="../../cards/{key.lower()}/"' in page
    with zipfile.ZipFile(built_site / "offline/courses-offline.zip") as z:
        names = {n.removeprefix("courses-offline/") for n in z.namelist()}   # one folder
        course = z.read("courses-offline/courses/pre-departure-core/index.html").decode("utf-8")
    for key in sample.tree.countries:
        assert f"cards/{key.lower()}/index.html" in names and f"en/cards/{key.lower()}/index.html" in names
        assert f'href="../../cards/{key.lower()}/index.html"' in course
    assert "assets/card.css" in names


# ---- the card in Chromium ----------------------------------------------------------

def _pdf_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.browser
@pytest.mark.parametrize("key, lang", [("sg", ""), ("jp", "en/"), ("dz", ""), ("ae", "en/"), ("cn-gd", "")])
def test_the_card_prints_eight_to_an_a4_page_and_its_qr_decodes(browser, site_url, tmp_path, key, lang):
    import zxingcpp
    from PIL import Image
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{lang}cards/{key}/")
    page.emulate_media(media="print")
    overflowing = page.evaluate("""() => [...document.querySelectorAll('.lx-wcard')]
        .filter(c => c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1).length""")
    assert overflowing == 0                  # nothing cut off at the card's edge
    pdf = tmp_path / "cards.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\b", info)                         # one sheet: fronts, then backs
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert abs(float(size[1]) - 595.3) < 1 and abs(float(size[2]) - 841.9) < 1     # A4: 210 × 297 mm
    country = {"sg": "Singapore", "jp": "Japan", "dz": "Algeria", "ae": "United Arab Emirates",
               "cn-gd": "Guangdong Province"}[key]
    assert _pdf_text(pdf, 1).count(f"In trouble in {country}") == 8
    assert _pdf_text(pdf, 2).count("Your rights") == 8
    # The back as a cheap laser printer makes it: 300 dpi, black or white, nothing grey.
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "back")],
                   check=True)
    grey = Image.open(next(tmp_path.glob("back*.png")))
    bw = grey.convert("L").point(lambda v: 255 if v > 128 else 0).convert("1")
    if key == "sg" and not lang:
        ARTIFACTS.mkdir(exist_ok=True)
        bw.save(ARTIFACTS / "card-sg-back-300dpi-bw.png")
    codes = zxingcpp.read_barcodes(bw.convert("L"))
    assert [c.text for c in codes] == [f"{BASE}{lang}destinations/{key}/"] * 8


@pytest.mark.browser
def test_help_block_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "/destinations/sg/")
    block = page.locator("#help")
    assert block.bounding_box()["y"] < 400                           # first thing under the title
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    case = page.locator("#help-wages")
    assert not case.locator("ol").is_visible()
    case.locator("summary").tap()
    assert case.locator("ol li").count() == 3 and case.locator("a[href^='tel:']").first.is_visible()
    small = page.evaluate("""() => [...document.querySelectorAll('#help a.lx-tel')]
        .filter(a => a.getBoundingClientRect().height < 44).length""")
    assert small == 0                                                # every number is a full tap target
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "help-sg-phone.png"))
    context.close()


def test_the_review_listing_shows_every_help_number_and_its_source_kind(sample, tmp_path):
    import json
    from generator.vetting import report
    report.write(sample.tree, sample.verdicts, tmp_path, dt.date.fromisoformat(TODAY))
    items = json.loads((tmp_path / "vetting.json").read_text("utf-8"))["help_numbers"]
    lines = [line for c in sample.tree.countries.values() for line in c.help.lines]
    phones_listed = {i["phone"] for i in items}
    assert {line.phone for line in lines if line.phone} <= phones_listed and "+86 10 12308" in phones_listed
    mom = next(i for i in items if i["phone"] == "+65 6438 5122")
    assert mom["verified"] == "secondary" and "CNA" in mom["note"] and mom["file"] == "content/countries/SG.yml"
    assert [i["reviewed_on"] for i in items] == sorted(i["reviewed_on"] for i in items)
    page = (tmp_path / "vetting.html").read_text("utf-8")
    assert page.count("二手 SECONDARY") == sum(1 for i in items if i["verified"] == "secondary") > 0


def test_each_case_names_whom_to_call_first(built_site):
    def case(key, name, prefix=""):
        page = (built_site / f"{prefix}destinations/{key}/index.html").read_text("utf-8")
        start = page.index(f'id="help-{name}"')
        return re.findall(r'href="(tel:[^"]*)"', page[start:page.index("</details>", start)])
    assert case("sg", "injury")[0] == "tel:995"            # the ambulance first
    assert case("dz", "injury")[0] == "tel:14"             # Algeria: protection civile, no ambulance key
    assert case("sg", "arrest")[:2] == ["tel:+6564750165", "tel:+861012308"]   # embassy, then 12308
    assert "tel:+6565362692" in case("sg", "wages") and "tel:+6565362692" in case("sg", "wages", "en/")
    assert case("jp", "documents")[0] == "tel:0120250169"  # OTIT's Chinese line names passports kept
