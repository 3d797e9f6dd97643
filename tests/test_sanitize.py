"""The sanitiser (generator/render/sanitize.py) on its own: what it keeps, what it drops,
and how Markdown headings shift. Fast, so the mutation job can run it for every mutant."""
from __future__ import annotations

import pytest

from generator.render.sanitize import clean_html, markdown_html


def test_allowed_markup_survives():
    html = ('<p><strong>a</strong> <em>b</em> <code>c</code></p><ol start="3"><li>x</li></ol>'
            '<table><thead><tr><th align="left">h</th></tr></thead><tbody><tr><td align="right">d</td></tr>'
            '</tbody></table><h3 id="t">t</h3><abbr title="World Health Organisation">WHO</abbr>')
    assert clean_html(html) == html


@pytest.mark.parametrize("href", ["https://example.org/a", "http://example.org/", "mailto:a@example.org",
                                  "tel:+8605278800"])
def test_safe_links_keep_their_target_and_get_rel(href):
    assert clean_html(f'<a href="{href}" title="t">x</a>') == \
        f'<a href="{href}" title="t" rel="noopener noreferrer nofollow">x</a>'


@pytest.mark.parametrize("dirty,clean", [
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'),
    ('<a href="data:text/html,x">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'),
    ('<a href="ftp://example.org/">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'),
    ("<script>alert(1)</script>ok", "ok"),
    ('<img src=x onerror="alert(1)">ok', "ok"),
    ('<p onclick="alert(1)" style="color:red" class="c">ok</p>', "<p>ok</p>"),
    ("<!-- note -->ok", "ok"),
    ('<span id="x" lang="en">s</span><div title="t" dir="rtl">d</div>',   # title and lang: any element
     '<span lang="en">s</span><div title="t">d</div>'),
    ('<td align="left" valign="top">c</td>', 'c'),            # a cell outside a table is dropped by the parser
    ('<th valign="top" align="center">h</th>', 'h'),
    ('<ol start="2" type="a"><li>x</li></ol>', '<ol start="2"><li>x</li></ol>'),
    ('<ul start="2"><li>x</li></ul>', "<ul><li>x</li></ul>"),
    ('<h2 id="a" class="b">h</h2><h4 id="c">i</h4><h5 id="d">j</h5><h6 id="e">k</h6>',
     '<h2 id="a">h</h2><h4 id="c">i</h4><h5 id="d">j</h5><h6 id="e">k</h6>'),
    ('<p id="x">p</p>', "<p>p</p>"),
    ("<iframe src=x></iframe><form><input></form><style>p{}</style>ok", '<input type="checkbox">ok'),
    # task lists: an input is only ever an unnamed checkbox; only our own list classes stay
    ('<input type="text" name="id" value="x" checked>', '<input checked="" type="checkbox">'),
    ('<ul class="lx-tasks evil"><li class="lx-task">a</li><li class="x">b</li></ul>',
     '<ul><li class="lx-task">a</li><li>b</li></ul>'),
    ('<ol class="lx-tasks"><li>a</li></ol><p class="lx-tasks">p</p><label for="x">l</label>',
     '<ol class="lx-tasks"><li>a</li></ol><p>p</p><label>l</label>'),
    ("<h1>big</h1>", "big"),
])
def test_dangerous_or_unknown_markup_goes(dirty, clean):
    assert clean_html(dirty) == clean


def test_table_cells_keep_only_their_alignment():
    dirty = '<table><tr><td align="left" valign="top">c</td><th align="center" valign="top">h</th></tr></table>'
    assert clean_html(dirty) == '<table><tbody><tr><td align="left">c</td><th align="center">h</th></tr></tbody></table>'


def test_every_allowed_tag_is_kept():
    for tag in ("p", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "dl",
                "dt", "dd", "h2", "h3", "h4", "h5", "h6", "sup", "sub", "abbr", "span", "div"):
        assert clean_html(f"<{tag}>x</{tag}>") == f"<{tag}>x</{tag}>", tag
    assert clean_html("a<br>b<hr>") == "a<br>b<hr>"
    assert clean_html("<ul><li>x</li></ul>") == "<ul><li>x</li></ul>"
    table = "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>"
    assert clean_html(table) == table


def test_markdown_headings_move_down_one_level_the_page_has_its_h1():
    assert markdown_html("# Title\n\ntext\n\n## Sub") == '<h2 id="title">Title</h2>\n<p>text</p>\n<h3 id="sub">Sub</h3>'
    assert markdown_html("# Title", shift_headings=False) == '<h1 id="title">Title</h1>'.replace(
        '<h1 id="title">Title</h1>', "Title")          # h1 is not allowed: its text stays
    assert markdown_html("a # not a heading") == "<p>a # not a heading</p>"


def test_markdown_extensions_tables_lists_and_anchors():
    table = markdown_html("| a | b | c |\n|:--|--:|---|\n| 1 | 2 | 3 |")
    assert '<th align="left">a</th>' in table and '<td align="right">2</td>' in table and "<td>3</td>" in table
    assert markdown_html("3. x\n4. y") == '<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>'
    # sane_lists: a numbered list does not swallow a following bulleted one
    assert markdown_html("1. a\n\n* b") == "<ol>\n<li>a</li>\n</ol>\n<ul>\n<li>b</li>\n</ul>"
    assert markdown_html("[x](javascript:alert(1))") == '<p><a rel="noopener noreferrer nofollow">x</a></p>'


def test_the_result_is_markup_that_jinja_does_not_escape_again():
    assert clean_html("<b>x</b>").__html__() == "<b>x</b>"
    assert markdown_html("**x**").__html__() == "<p><strong>x</strong></p>"


def test_markdown_task_lists_become_labelled_checkboxes():
    assert markdown_html("- [ ] passport\n- [x] ticket\n- plain") == (
        '<ul class="lx-tasks">\n<li class="lx-task"><label><input type="checkbox">passport</label></li>\n'
        '<li class="lx-task"><label><input checked="" type="checkbox">ticket</label></li>\n'
        '<li>plain</li>\n</ul>')
