"""The editors' search statistics, kept bounded whatever visitors send.

A visitor's query counts once a day: the first search marks a keyed hash of the visitor's
address, the query and the day in the cache (`cache.add`, one call), and a repeated search
reads and writes nothing. The hash lives in the cache only, until the day ends, and no cookie
is set. Each day at most `SEARCH_STATISTICS_NEW_PER_DAY` distinct queries are recorded in each
table (counted in the cache: per worker without a shared cache); queries already counted that
day still count. `prune` (the
`prune_search_statistics` command) deletes what is older than `SEARCH_STATISTICS_DAYS` and
keeps each table under `SEARCH_STATISTICS_MAX_ROWS` (docs/deployment.md schedules it).
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from hub.limits import count
from search.models import UnansweredQuery


def seconds_left_today(now):
    day_ends = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=UTC)
    return max(int((day_ends - now).total_seconds()), 1)


def first_today(visitor, query_string, language):
    """Mark this visitor's search for `query_string` today; False if it was marked already."""
    now = timezone.now()
    today = now.date()  # the day Wagtail counts hits by
    text = "\n".join([visitor, language, query_string, today.isoformat()])
    digest = salted_hmac("search.statistics", text, algorithm="sha256").hexdigest()[:40]
    return cache.add(f"search:counted:{digest}", 1, timeout=seconds_left_today(now))


def room_for_new(table):
    """Whether the day's cap on distinct new queries in `table` leaves room for one more.

    Counted in the cache, not by counting the day's rows: Wagtail's daily hits have no index on
    the day, and a visitor sending new words would make every search scan the table.
    """
    now = timezone.now()
    key = f"search:new:{table}:{now.date().isoformat()}"
    return count(key, seconds_left_today(now)) <= settings.SEARCH_STATISTICS_NEW_PER_DAY


def record(visitor, query, language, answered):
    """Count a search for Wagtail's search terms report and, if it found nothing, for the
    report of searches without results; once a day per visitor, within the day's cap."""
    query_string = normalise_query_string(query)
    if not first_today(visitor, query_string, language):
        return
    today = timezone.now().date()
    # Wagtail's Query.get(...).add_hit() reads the query and the day's row, then writes it; a
    # query already counted today takes one statement.
    hits = QueryDailyHits.objects.filter(query__query_string=query_string, date=today)
    counted = hits.update(hits=F("hits") + 1)
    if not counted and room_for_new("hits"):
        Query.get(query_string).add_hit(date=today)
    if not answered:
        record_unanswered(query_string, language)


def record_unanswered(query_string, language):
    query_string = query_string[: UnansweredQuery._meta.get_field("query_string").max_length]
    now = timezone.now()
    entries = UnansweredQuery.objects.filter(query_string=query_string, language=language)
    if entries.update(hits=F("hits") + 1, last_searched_at=now):
        return
    if not room_for_new("unanswered"):
        return
    _entry, created = UnansweredQuery.objects.get_or_create(
        query_string=query_string, language=language, defaults={"last_searched_at": now, "hits": 1}
    )
    if not created:  # another worker wrote it in the meantime
        entries.update(hits=F("hits") + 1, last_searched_at=now)


def beyond(queryset, max_rows, *ordering):
    """The rows of `queryset` after the first `max_rows` in `ordering`."""
    kept = queryset.order_by(*ordering).values("pk")[max_rows:]
    return queryset.model.objects.filter(pk__in=kept)


def prune(days, max_rows):
    """Delete statistics older than `days` and the oldest rows past `max_rows` in each table;
    {model label: rows deleted}."""
    since = timezone.now() - timedelta(days=days)
    deleted = {}

    def count(model, queryset):
        label = model._meta.label
        deleted[label] = deleted.get(label, 0) + queryset.delete()[1].get(label, 0)

    count(QueryDailyHits, QueryDailyHits.objects.filter(date__lt=since.date()))
    count(QueryDailyHits, beyond(QueryDailyHits.objects.all(), max_rows, "-date", "-hits", "-pk"))
    # Queries without hits left, other than those editors promote results for (as Wagtail's
    # `searchpromotions_garbage_collect` does).
    count(Query, Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True))
    count(UnansweredQuery, UnansweredQuery.objects.filter(last_searched_at__lt=since))
    count(
        UnansweredQuery,
        beyond(UnansweredQuery.objects.all(), max_rows, "-last_searched_at", "-hits", "-pk"),
    )
    return deleted
