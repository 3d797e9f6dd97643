"""Vetting: the advertisement gate — which job orders may be published.

In: the Tree from source/ and the build date.
Out: a Verdict per order (published, refused, closed, expired) with its refusals, each
under a stable rule code (V-…, warnings W-…); `check` prints them with a table, `approve`
records a reviewer's approval, `report` writes reports/vetting.{json,html}.
May import: source/ and the shared modules.
"""
MAY_IMPORT = ("source",)
