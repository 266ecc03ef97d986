"""Cells that spreadsheet programs show as text, for every file the hub exports."""

# What makes a spreadsheet program read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def as_text(value):
    """A cell that spreadsheet programs show as text: a leading quote on what would start a
    formula, such as a query "=HYPERLINK(...)" a visitor typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
