"""Reading Lighthouse's reports for `make lighthouse`: scores, failing audits, the table."""

from urllib.parse import urlsplit

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LABELS = {"performance": "Perf", "accessibility": "A11y", "best-practices": "BP", "seo": "SEO"}


def scores(report):
    return {
        category: round(100 * report["categories"][category]["score"])
        if report["categories"][category]["score"] is not None
        else None
        for category in CATEGORIES
    }


def failing_audits(report, category):
    """(id, title) of each audit that counts in `category` and did not pass."""
    audits = report["audits"]
    return [
        (ref["id"], audits[ref["id"]]["title"])
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    ]


def outside_requests(report, origin):
    """Addresses the page asked for outside the site (none are allowed)."""
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return sorted(
        {
            item["url"]
            for item in items
            if urlsplit(item["url"]).scheme in ("http", "https")
            and f"{urlsplit(item['url']).scheme}://{urlsplit(item['url']).netloc}" != origin
        }
    )


def table(results):
    """The scores as a Markdown table, then the failing audits of each page."""
    lines = [
        "| Page | URL | " + " | ".join(LABELS[c] for c in CATEGORIES) + " |",
        "|---|---|" + "---:|" * len(CATEGORIES),
    ]
    for result in results:
        cells = []
        for category in CATEGORIES:
            score = result["scores"][category]
            cell = "–" if score is None else str(score)
            if category == "seo" and result["noindex"]:
                cell += " (noindex on purpose)"
            cells.append(cell)
        lines.append(f"| {result['name']} | `{result['path']}` | " + " | ".join(cells) + " |")
    notes = []
    for result in results:
        for category, audits in result["failing"].items():
            for audit_id, title in audits:
                notes.append(f"- {result['name']}, {category}: `{audit_id}` {title}")
        for url in result["outside"]:
            notes.append(f"- {result['name']}: asked for `{url}` outside the site")
        if "performance_runs" in result:
            runs = ", ".join(map(str, result["performance_runs"]))
            cpu = ", ".join(map(str, result["cpu"]))
            notes.append(
                f"- {result['name']}: performance in its runs {runs} (CPU benchmark {cpu}); "
                f"the median counts ({result['report']}.report.html)"
            )
        for warning in result["warnings"]:
            notes.append(f"- {result['name']}, Lighthouse warns: {warning}")
    attempts = sorted({host for result in results for host in result["browser_attempts"]})
    if attempts:
        notes.append(
            "- Chromium's own attempts, stopped by the resolver rule before any lookup: "
            + ", ".join(attempts)
        )
    return "\n".join(lines + ([""] + notes if notes else []))
