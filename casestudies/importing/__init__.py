"""Import of case studies from CSV and XLSX spreadsheets.

One importer for the admin view (run by the task worker) and `manage.py import_case_studies`:
`reading` turns a file into rows, `validation` checks every row against the hub's vocabularies
before anything is written, `writing` creates or updates the pages, each with a revision.
docs/import.md documents the columns.
"""
