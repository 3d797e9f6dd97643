"""Reports: figures for the centre's superiors (monthly, quarterly, half-yearly, yearly).

In: the job orders as they are now and their git history (history.py, source/git.py).
Out: orders and positions published, closed and refused in a period, by destination,
trade and agency; approvals per reviewer and four-eyes exceptions (figures.py), printed
and written as CSV and printable HTML (command.py).
May import: source/, vetting/ and the shared modules.
"""
MAY_IMPORT = ("source", "vetting")
