"""Render: the checked model and its verdicts become pages, per language.

In: the Tree, the labels, the build date and each order's state (open, closed, expired).
Out: `renderer.Page`s (HTML bodies for MkDocs) and the files beside them: the vacancy
index, Atom and JSON feeds, verify shards, JobPosting JSON-LD, posters with QR codes, the
wage list, and the service hall's kiosk and big screen (standalone apps with their data).
Text from YAML reaches HTML only escaped (Jinja autoescape) or sanitised (sanitize.py).
May import: source/, vetting/ and the shared modules.
"""
MAY_IMPORT = ("source", "vetting")
