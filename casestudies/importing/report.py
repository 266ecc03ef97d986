"""What an import found and did, row by row, in a form the admin keeps as JSON."""

from dataclasses import asdict, dataclass, field

# The admin shows at most this many problems and changed rows; the counts cover them all.
SHOWN = 1000


@dataclass
class Problem:
    row: int | None  # as a spreadsheet numbers it: the header is row 1; None for the file
    column: str
    message: str


@dataclass
class RowResult:
    row: int
    external_id: str
    title: str
    action: str  # "new", "updated", "published" or "unchanged"
    changed: list[str] = field(default_factory=list)
    page_id: int | None = None


@dataclass
class Report:
    file_name: str = ""
    total: int = 0
    problems: list[Problem] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    written: bool = False

    @property
    def refused(self):
        return bool(self.problems)

    def counts(self):
        counts = {"new": 0, "updated": 0, "published": 0, "unchanged": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def as_json(self):
        """Counts in full; problems and changed rows up to `SHOWN` each."""
        changed = [row for row in self.rows if row.action != "unchanged"]
        return {
            "file_name": self.file_name,
            "total": self.total,
            "written": self.written,
            "counts": self.counts(),
            "problem_count": len(self.problems),
            "problems": [asdict(problem) for problem in self.problems[:SHOWN]],
            "changed_count": len(changed),
            "rows": [asdict(row) for row in changed[:SHOWN]],
        }
