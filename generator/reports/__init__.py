"""Reports: the figures a centre reports upward (`report`), beside the pipeline.

In: the project folder, its checked tree and verdicts (vetting/), and the git history of
content/jobs/ (source/git.py).
Out: a CSV and a printable HTML page per period, in Chinese and English: orders published,
closed, expired and refused, positions by destination, trade and agency, courses,
approvals per reviewer and four-eyes exceptions.
May import: source/, vetting/ and the shared modules.
"""
MAY_IMPORT = ("source", "vetting")
