"""Wagtail's update_index, printing how far it has come, then refreshing the planner's statistics.

Wagtail's command prints a dot per chunk, and nothing at all to a caller that passes its own
stdout, while indexing 13,000 pages takes minutes. This one prints each model's total and a
line per chunk with the count done and the time since the model started. The options are
Wagtail's: `--backend`, `--schema-only`, `--chunk_size`.

On PostgreSQL the index table and the search entries are analysed at the end: a rebuild
rewrites every row, and until autovacuum comes round the planner would plan the search's
statements on the old statistics, or on none after a first index (docs/deployment.md).
"""

import time

from django.db import transaction

from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from wagtail.search.management.commands import update_index

from search import facetkeys
from search.models import SearchEntry, SearchEntryTitle


class Command(update_index.Command):
    help = "Rebuild the search index, printing the progress of each model."

    def update_backend(self, backend_name, schema_only=False, chunk_size=None):
        chunk_size = chunk_size or update_index.DEFAULT_CHUNK_SIZE
        started = time.perf_counter()
        super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size)
        if not schema_only:
            self.analyse(backend_name)
        self.write(f"{backend_name}: done in {time.perf_counter() - started:.1f} s")

    def print_iter_progress(self, iterable):
        # Progress comes from queryset_chunks, one line per chunk, instead of a dot.
        yield from iterable

    def print_newline(self):
        pass

    def queryset_chunks(self, qs, chunk_size=update_index.DEFAULT_CHUNK_SIZE):
        """Chunks by primary key (no OFFSET), each reported once it has been indexed."""
        total = qs.count()
        self.write(f"{total} objects")
        done = 0
        last_pk = None
        started = time.perf_counter()
        with transaction.atomic():  # a stable count and order while the chunks are read
            while True:
                page = qs if last_pk is None else qs.filter(pk__gt=last_pk)
                items = list(page.order_by("pk")[:chunk_size])
                if not items:
                    break
                yield items  # the caller indexes the chunk before asking for the next
                done += len(items)
                last_pk = items[-1].pk
                elapsed = time.perf_counter() - started
                self.write(f"    {done}/{total} indexed, {elapsed:.1f} s")
                self.stdout.flush()

    def analyse(self, backend_name):
        """ANALYZE the index table of a PostgreSQL database backend."""
        backend = get_search_backend(backend_name)
        models = get_indexed_models()
        index = backend.get_index_for_model(models[0]) if models else None
        connection = getattr(index, "write_connection", None)
        if connection is None or connection.vendor != "postgresql":
            return
        started = time.perf_counter()
        # The rebuild ends by recomputing every title norm, which the search entries copy.
        facetkeys.copy_title_norms()
        table = connection.ops.quote_name(index.entries.model._meta.db_table)
        entries = [
            connection.ops.quote_name(model._meta.db_table)
            for model in (SearchEntry, SearchEntryTitle)
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
            # Each page's entry was written again: let its old row versions be reused (VACUUM
            # runs only outside a transaction).
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} {', '.join(entries)}")
        self.write(
            f"{backend_name}: analysed {table} and {' and '.join(entries)} in "
            f"{time.perf_counter() - started:.1f} s"
        )
