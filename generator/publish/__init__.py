"""Publish: rendered pages become the site on disk, all or nothing.

In: the project folder, the output folder and the build date.
Out: site/ — built by MkDocs per language (mkdocs_site.py), with its search index
(search_index.py, words by search_tokens.py), with the offline course bundle (offline.py) and the CSP headers
(csp.py) — put in place by one atomic swap under a lock (swap.py). A failed or killed build
leaves the previous site/ as it was.
May import: source/, vetting/, render/ and the shared modules.
"""
MAY_IMPORT = ("source", "vetting", "render")
