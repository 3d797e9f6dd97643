"""Markdown task lists: `- [ ] passport` becomes a box to tick, its text the box's label.

A packing list in a lesson is meant to be ticked: on a phone a real checkbox, on paper an
empty ☐ (quiz.css draws it for print). Written here rather than taken from
pymdownx.tasklist because that puts the box outside the item's text, so the box has no
accessible name and only the tiny box itself can be tapped.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

MARKER = re.compile(r"^\s*\[([ xX])\]\s+")
BLOCKS = {"ul", "ol", "p", "div", "table", "blockquote", "pre", "dl", "h2", "h3", "h4", "h5", "h6", "hr"}
LIST_CLASS, ITEM_CLASS = "lx-tasks", "lx-task"


class _TaskItems(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            if parent.tag not in ("ul", "ol"):
                continue
            items = [li for li in parent if li.tag == "li" and _make_task(li)]
            if items:
                parent.set("class", LIST_CLASS)


def _make_task(li: ET.Element) -> bool:
    # A loose list wraps the item's text in <p>.
    holder = li[0] if not (li.text or "").strip() and len(li) and li[0].tag == "p" else li
    m = MARKER.match(holder.text or "")
    if not m:
        return False
    label = ET.Element("label")
    box = ET.SubElement(label, "input", {"type": "checkbox"})
    if m.group(1) != " ":
        box.set("checked", "checked")
    box.tail = (holder.text or "")[m.end():]
    for child in list(holder):          # the inline text goes into the label; a nested list stays out
        if child.tag in BLOCKS:
            break
        holder.remove(child)
        label.append(child)
    label.tail, holder.text = None, None
    holder.insert(0, label)
    li.set("class", ITEM_CLASS)
    return True


class TaskListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the inline patterns (priority 20), so emphasis inside an item is already parsed.
        md.treeprocessors.register(_TaskItems(md), "lx_tasklist", 15)
