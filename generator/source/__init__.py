"""Source: read what staff commit into one checked model of the site.

In: the project folder — content/, courses/, site_config.yml, theme/i18n/ labels.
Out: a `load.Tree` of validated models (pydantic, one module per file kind in models/),
with the line of every field, and a bilingual Problem for every file that cannot be used.
Also writes YAML back for staff: `new job` templates, JSON Schemas for editors, atomic
file replacement.
May import: the shared modules only.
"""
MAY_IMPORT = ()
