"""The publishing system of a county labour-export service centre.

Pipeline: load (load.py) → validate (models.py, crossref.py) → render (render.py)
→ build (mkdocs_site.py, build.py).
"""
