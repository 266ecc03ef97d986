"""The importer that the admin's task and `manage.py import_case_studies` share."""

from casestudies.importing.reading import Unreadable, read_file
from casestudies.importing.report import Problem, Report
from casestudies.importing.validation import check_rows
from casestudies.importing.writing import Writer, plan


def import_file(name, data, library, *, user=None, dry_run=False, publish=False, progress=None):
    """Read, check and (unless `dry_run` or any row has a problem) write the file's rows.

    `progress(done, total)` is called as rows are written. Returns a Report; a refused file
    writes nothing.
    """
    report = Report(file_name=name)
    try:
        sheet = read_file(name, data)
    except Unreadable as error:
        report.problems = [Problem(None, "", str(error))]
        return report
    report.total = len(sheet.rows)
    entries, problems = check_rows(sheet, library.locale_id)
    if not problems:
        planned, problems = plan(entries, library, publish)
    if problems:
        report.problems = problems
        return report
    if not dry_run:
        Writer(library, user, publish).write(planned, progress)
        report.written = True
    report.rows = [item.result() for item in planned]
    return report
