"""The publishing system of a county labour-export service centre.

A job order goes through the stages in this order, one folder each:

    source/    read what staff commit (YAML with lines, models, cross-references) → a Tree
    vetting/   the rules of lawful advertising → a verdict per order; check, approve
    render/    Tree + verdicts → pages and the data files beside them, per language
    publish/   pages → MkDocs, search index, offline bundle, CSP → site/, swapped in atomically
    preview/   serve: the same stages, incrementally, with problems shown on the pages
    reports/   figures for superiors from the YAML and its git history

`cli.py` parses the command line and calls one function per command. `problems.py` (what
staff are told, in Chinese and English) and `library_messages.py` (what libraries say,
in our words) are shared by every stage. A stage imports only the stages before it and
the shared modules; each folder's `__init__.py` states its contract as MAY_IMPORT, and
tests/test_layout.py holds every module to it.
"""
