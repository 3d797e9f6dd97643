"""The one way a text from YAML or Markdown reaches HTML: Markdown, then an allow-list.

Job texts are pasted from employers' documents; some carry HTML, some are hostile. nh3
(the Ammonia sanitiser) keeps only the tags and attributes below, only http(s), mailto
and tel links, and adds rel="noopener noreferrer nofollow" to every link. Task lists
(`- [ ] …`) become checkboxes.
"""
from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

from generator.render.tasklist import ITEM_CLASS, LIST_CLASS, TaskListExtension

TAGS = {"p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead",
        "tbody", "tr", "th", "td", "sup", "sub", "abbr", "span", "div", "label", "input"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"},
              "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"}, "ol": {"start"},
              "input": {"checked"}}
# Task lists (render/tasklist.py): an input is only ever an unnamed checkbox, whatever the
# text says, so a pasted advertisement cannot add a field that asks for an ID number.
FORCED = {"input": {"type": "checkbox"}}
CLASSES = {"ul": {"class": {LIST_CLASS}}, "ol": {"class": {LIST_CLASS}}, "li": {"class": {ITEM_CLASS}}}
SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists", "toc", TaskListExtension()]
# A column's alignment as the align attribute allowed above (by default Markdown writes a
# style attribute, which the allow-list drops, and the alignment was lost).
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


def clean_html(html: str) -> Markup:
    # nh3 strips comments by default (tests/test_sanitize.py checks it stays so).
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                            set_tag_attribute_values=FORCED, tag_attribute_values=CLASSES,
                            link_rel="noopener noreferrer nofollow"))


def markdown_html(text: str, shift_headings: bool = True) -> Markup:
    """Render staff Markdown safely. A `# heading` becomes h2: the page has its own h1."""
    if shift_headings:
        text = "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())
    # HTML, not Markdown's default XHTML: nh3 keeps attribute values as written, so XHTML
    # would turn a ticked checklist box into checked="checked" (tests/test_lesson_pages.py).
    return clean_html(markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS,
                                        output_format="html"))
