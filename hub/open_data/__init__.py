"""Case studies and events as open data: CSV, XLSX and JSON files under CC BY 4.0.

- `registry`: each content app describes its rows (`Dataset`, `Column`) in its own
  `open_data.py` and registers them in its AppConfig.ready(), as it does its content section;
- `columns`: the columns several datasets share (page, places, themes, tags, dates);
- `writers`: one pass over the rows writes every format, cells safe for spreadsheets;
- `building`: the files built by the task worker into storage, one row each (`OpenDataFile`);
- `tasks`: one rebuild queued at a time when published content changes;
- `views`: the files at stable addresses in each language, `datapackage.json`, and the
  admin's filtered downloads.

docs/open-data.md describes the files and when they are built.
"""
