"""Preview: `serve`, the site on 127.0.0.1, rebuilt as staff save files.

In: the project folder, watched for changes.
Out: an HTTP preview (never a public build) rebuilt incrementally (incremental.py), with
each refused order's problems shown on its own page and a failed rebuild named on every
page (banner.py).
May import: source/, vetting/, render/, publish/ and the shared modules.
"""
MAY_IMPORT = ("source", "vetting", "render", "publish")
