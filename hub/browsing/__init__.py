"""Browsing a listing through its query string, shared by the library, the calendar and search.

- `query`: reading filter values, years, months and the sort, with a notice for each value
  that had to be dropped, and the addresses that drop one choice;
- `options`: what a template shows of a filter (`Facet`, `Option`);
- `browser`: `Browser`, a listing filtered by `FacetField` declarations, with counts; the
  counts with nothing chosen are kept in the cache until content changes (`hub.aggregates`);
- `kept`: a listing's pages and filter values as bit sets, kept per content version, for
  exact counts and pages without queries (docs/browsing.md);
- `lookups`: where a lookup from a page crosses into a link table;
- `pagination` and `query_strings`: pages of results, and addresses without empty parameters.
- `follow`: the feeds of a view (its filters in their addresses, its title in words), which
  read the query string with the listing's own browser.

A template shows a filter with `components/facet.html` and the choices in effect with
`components/active_filters.html`.
"""
