"""Generate the benchmark's pages straight into the page tree, a thousand at a time.

Creating pages one by one with `add_child` costs several queries each (and a revision each
with `save_revision`). Here each batch is two INSERT statements, one for the `wagtailcore_page`
rows and one for the page type's own table, with the tree paths worked out beforehand the way
treebeard would: children of a parent get consecutive steps under its path. The parents'
`numchild` is set at the end and `check_tree` verifies path, depth, numchild and url_path.
Relations (municipalities, partners, themes, tags) go in with `bulk_create`. No signals run,
so nothing is indexed until the benchmark runs `update_index`.

Everything random comes from one `random.Random(seed)`: the same seed gives the same pages.
"""

import hashlib
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from functools import partial

from taggit.models import Tag

from django.db import connection, transaction
from django.db.models import F
from django.utils.text import slugify

from wagtail.models import Locale, Page, Site

from bench import vocabulary as words
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyTag,
    CaseStudyTheme,
)
from events.models import (
    EventIndexPage,
    EventPage,
    EventSeriesPage,
    EventTag,
    EventTheme,
    EventType,
)
from hub.demo import read_data
from hub.models import (
    HomePage,
    Municipality,
    NewsletterIndexPage,
    NewsletterIssuePage,
    NewsletterTag,
    Organisation,
    Theme,
)
from hub.timezones import STOCKHOLM

BATCH_SIZE = 1000
# Publication dates are spread up to this day, so the content does not depend on today's date.
REFERENCE_DAY = datetime(2025, 11, 1, 9, 0, tzinfo=STOCKHOLM)


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def stream(blocks, new_id):
    """StreamField raw data with ids from the seeded generator."""
    return [{"type": kind, "value": value, "id": new_id()} for kind, value in blocks]


def list_items(values, new_id):
    return [{"type": "item", "value": value, "id": new_id()} for value in values]


def through_rows(model, field_name, page_id, value_ids):
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    page_column = field.m2m_field_name() + "_id"
    value_column = field.m2m_reverse_field_name() + "_id"
    return through, [through(**{page_column: page_id, value_column: v}) for v in value_ids]


class Generator:
    def __init__(self, seed, english_share=0.1, extras=None):
        self.extras = extras  # bench.extras.Extras: images, documents, more tags, series
        # Seeded for reproducible content; nothing here is a secret.
        self.rng = random.Random(seed)  # noqa: S311
        self.english_share = english_share
        self.created = 0
        self.started = time.perf_counter()
        self.numchild = {}  # parent page pk -> children added here

    # Random helpers

    def new_uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def new_id(self):
        return str(self.new_uuid())

    def weighted(self, options, weights, k=1):
        return self.rng.choices(options, weights=weights, k=k)

    def distinct(self, options, weights, k):
        chosen = []
        while len(chosen) < min(k, len(options)):
            pick = self.weighted(options, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def fill(self, template, **slots):
        values = {
            "place": slots.get("place") or self.place().name,
            "county": slots.get("county") or self.rng.choice(self.counties),
            "org": self.rng.choice(self.organisation_names),
            "company": self.rng.choice(self.company_names),
            "year": self.rng.randint(2008, 2025),
            "n": self.rng.choice([3, 5, 8, 12, 15, 20, 25, 30, 40, 60, 120, 250]),
            "topic": slots.get("topic", ""),
            "type": slots.get("type", ""),
        }
        return template.format(**values)

    def place(self):
        return self.weighted(self.municipalities, self.municipality_weights)[0]

    def places(self, low, high):
        count = self.rng.randint(low, high)
        return self.distinct(self.municipalities, self.municipality_weights, count)

    def theme_slugs(self, second_chance=0.3):
        slugs = list(words.THEMES)
        weights = [theme["weight"] for theme in words.THEMES.values()]
        return self.distinct(slugs, weights, 2 if self.rng.random() < second_chance else 1)

    def sentences(self, theme, count, place, english=False):
        if english:
            pool = theme["en_sentences"] + words.EN_GENERIC_SENTENCES
            own = theme["en_sentences"]
        else:
            pool = words.GENERIC_SENTENCES
            own = theme["sentences"]
        picked = []
        for _ in range(count):
            source = own if self.rng.random() < 0.6 else pool
            picked.append(self.fill(self.rng.choice(source), place=place))
        if not english:
            for probability, sentence in words.OCCASIONAL_SENTENCES:
                if self.rng.random() < probability / 2:
                    picked.insert(self.rng.randint(0, len(picked)), self.fill(sentence))
        return picked

    def paragraph(self, theme, place, low=2, high=4, english=False):
        count = self.rng.randint(low, high)
        return "<p>" + " ".join(self.sentences(theme, count, place, english)) + "</p>"

    def published_between(self, first, last):
        span = (last - first).total_seconds()
        return first + timedelta(seconds=self.rng.uniform(0, span))

    def tag_ids(self, theme_slugs, low, high, text=""):
        tags = {tag for slug in theme_slugs for tag in words.THEMES[slug]["tags"]}
        chosen = set(self.rng.sample(sorted(tags), min(len(tags), self.rng.randint(low, high))))
        if self.rng.random() < 0.2:
            chosen.add(self.rng.choice(words.TAGS))
        for rare in ("vätgas", "biokol"):
            if rare in text:
                chosen.add(rare)
        ids = [self.tags[name] for name in sorted(chosen)]
        return self.extras.more_tags(ids) if self.extras else ids

    def progress(self, label, done, total):
        elapsed = time.perf_counter() - self.started
        log(f"  {label}: {done}/{total} ({self.created} pages so far, {elapsed:.0f} s)")

    # Taxonomy

    def taxonomy(self):
        self.sv = Locale.objects.get(language_code="sv")
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        data = read_data("taxonomy.toml")

        themes = []
        for entry in data["themes"]:
            key = self.new_uuid()
            for locale, names in ((self.sv, entry["sv"]), (self.en, entry["en"])):
                themes.append(
                    Theme(
                        locale=locale,
                        translation_key=key,
                        slug=entry["slug"],
                        sort_order=entry["sort_order"],
                        name=names["name"],
                        description=names["description"],
                    )
                )
        Theme.objects.bulk_create(themes)
        self.themes = {(theme.slug, theme.locale_id): theme.pk for theme in Theme.objects.all()}

        types = []
        for slug, sv_name, en_name, _weight in words.EVENT_TYPES:
            key = self.new_uuid()
            types.append(EventType(locale=self.sv, translation_key=key, slug=slug, name=sv_name))
            types.append(EventType(locale=self.en, translation_key=key, slug=slug, name=en_name))
        EventType.objects.bulk_create(types)
        self.event_types = {(kind.slug, kind.locale_id): kind for kind in EventType.objects.all()}

        organisations = [
            Organisation(name=entry["name"], kind=entry["kind"], website=entry.get("website", ""))
            for entry in data["organisations"]
        ]
        companies = [
            f"{prefix} {suffix}"
            for prefix in words.COMPANY_PREFIXES
            for suffix in words.COMPANY_SUFFIXES
        ]
        organisations += [
            Organisation(name=name, kind=Organisation.Kind.COMPANY) for name in companies
        ]
        Organisation.objects.bulk_create(organisations)
        self.organisation_ids = list(
            Organisation.objects.order_by("pk").values_list("pk", flat=True)
        )
        self.organisation_names = [entry["name"] for entry in data["organisations"]]
        self.company_names = companies

        self.tags = {}
        for name in words.TAGS:
            self.tags[name] = Tag.objects.create(name=name).pk

        self.municipalities = list(Municipality.objects.select_related("county").order_by("code"))
        big = set(words.BIG_MUNICIPALITIES)
        self.municipality_weights = [
            words.BIG_MUNICIPALITY_WEIGHT if m.code in big else 1 for m in self.municipalities
        ]
        self.counties = sorted({m.county.name for m in self.municipalities})
        log(
            f"  taxonomy: {len(themes)} themes, {len(types)} event types, "
            f"{len(organisations)} organisations, {len(self.tags)} tags"
        )

    # The tree

    def section_pages(self):
        """The case study library, the calendar and the newsletter archive, in each language."""
        home = Site.objects.get(is_default_site=True).root_page.specific
        if not isinstance(home, HomePage):
            raise RuntimeError("The default site's root page is not a HomePage; migrate first.")
        published = datetime(2015, 1, 1, 9, 0, tzinfo=STOCKHOLM)
        sections = [
            (CaseStudyIndexPage, "Exempel", "exempel", "Case studies", "case-studies"),
            (EventIndexPage, "Evenemang", "evenemang", "Events", "events"),
            (NewsletterIndexPage, "Nyhetsbrev", "nyhetsbrev", "Newsletter", "newsletter"),
        ]
        self.index = {}
        for model, title, slug, _en_title, _en_slug in sections:
            page = model(
                title=title,
                slug=slug,
                locale=self.sv,
                translation_key=self.new_uuid(),
                introduction=f"{title} från kommuner och regioner i hela Sverige.",
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            home.add_child(instance=page)
            self.index[(model, "sv")] = page
        if self.english_share > 0:
            home_en = HomePage(
                title="Klimathubben",
                slug="home-en",
                locale=self.en,
                translation_key=home.translation_key,
                introduction="Examples, events and material about local climate work.",
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            Page.get_first_root_node().add_child(instance=home_en)
            for model, _title, _slug, en_title, en_slug in sections:
                page = model(
                    title=en_title,
                    slug=en_slug,
                    locale=self.en,
                    translation_key=self.index[(model, "sv")].translation_key,
                    introduction=f"{en_title} from municipalities and regions across Sweden.",
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                )
                home_en.add_child(instance=page)
                self.index[(model, "en")] = page

    def insert_pages(self, parent, pages):
        """Insert `pages` (unsaved, all of one specific type) as the next children of `parent`."""
        if not pages:
            return
        model = type(pages[0])
        depth = parent.depth + 1
        first_step = parent.numchild + self.numchild.get(parent.pk, 0) + 1
        for step, page in enumerate(pages, start=first_step):
            page.path = Page._get_path(parent.path, depth, step)
            page.depth = depth
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.last_published_at = page.first_published_at
        self.numchild[parent.pk] = self.numchild.get(parent.pk, 0) + len(pages)

        page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
        rows = Page._base_manager._insert(
            pages, fields=page_fields, returning_fields=[Page._meta.pk], using=connection.alias
        )
        for page, (pk,) in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = pk
            page._state.adding = False
            page._state.db = connection.alias
        model._base_manager._insert(
            pages, fields=model._meta.local_concrete_fields, using=connection.alias
        )
        self.created += len(pages)

    def finish_tree(self):
        for parent_pk, added in self.numchild.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + added)
        self.numchild = {}

    @staticmethod
    def bulk_links(links):
        """{model: [rows]} into the database."""
        for model, rows in links.items():
            model.objects.bulk_create(rows, batch_size=5000)

    # Case studies

    def case_study(self, number, english):
        theme_slugs = self.theme_slugs()
        theme = words.THEMES[theme_slugs[0]]
        places = self.places(1, 1) if self.rng.random() < 0.8 else self.places(2, 4)
        place = places[0]
        county = place.county.name
        title = self.fill(self.rng.choice(theme["titles"]), place=place.name, county=county)
        summary = " ".join(self.sentences(theme, 2, place.name))[:400]
        blocks = [("paragraph", self.paragraph(theme, place.name))]
        blocks.append(("heading", {"text": self.rng.choice(words.HEADINGS), "level": "h2"}))
        blocks.append(("paragraph", self.paragraph(theme, place.name)))
        if self.rng.random() < 0.2:
            quote = {"quote": self.rng.choice(words.QUOTES), "attribution": "Projektledare"}
            blocks.append(("quote", quote))
        if self.rng.random() < 0.5:
            blocks.append(("heading", {"text": self.rng.choice(words.HEADINGS), "level": "h2"}))
            blocks.append(("paragraph", self.paragraph(theme, place.name, 3, 5)))
        if self.rng.random() < 0.3:
            tip = {
                "heading": self.rng.choice(words.CALL_OUT_HEADINGS),
                "text": f"<p>{self.rng.choice(words.LESSONS)}</p>",
            }
            blocks.append(("call_out", tip))
        results = " ".join(self.fill(s) for s in self.rng.sample(words.RESULTS, 2))
        lessons = " ".join(self.rng.sample(words.LESSONS, self.rng.randint(1, 3)))

        start_year = self.rng.randint(2008, 2025) if self.rng.random() < 0.85 else None
        status, end_year = CaseStudyPage.Status.ONGOING, None
        roll = self.rng.random()
        if start_year and roll < 0.4:
            status = CaseStudyPage.Status.COMPLETED
            end_year = min(2025, start_year + self.rng.randint(0, 4))
        elif roll > 0.92:
            status, start_year = CaseStudyPage.Status.PLANNED, self.rng.choice([2025, 2026])
        figures = []
        if self.rng.random() < 0.5:
            figure = {"value": str(self.fill("{n}")), "unit": "", "label": "deltagande företag"}
            figures.append(("figure", figure))
        published = self.published_between(
            datetime(2016, 1, 1, 8, 0, tzinfo=STOCKHOLM), REFERENCE_DAY
        )
        key = self.new_uuid()
        page = CaseStudyPage(
            title=title,
            slug=f"{slugify(title)[:60]}-{number}",
            locale=self.sv,
            translation_key=key,
            first_published_at=published,
            summary=summary,
            start_year=start_year,
            end_year=end_year,
            status=status,
            key_figures=stream(figures, self.new_id),
            body=stream(blocks, self.new_id),
            results=f"<p>{results}</p>",
            lessons=f"<p>{lessons}</p>",
        )
        if self.extras:
            self.extras.listing_image(page)
        text = " ".join([summary, str(blocks)])
        relations = {
            "municipalities": [m.pk for m in places],
            "partners": self.rng.sample(self.organisation_ids, self.rng.randint(0, 3)),
            "themes": theme_slugs,
            "tags": self.tag_ids(theme_slugs, 1, 4, text),
        }
        translation = None
        if english:
            en_title = self.fill(self.rng.choice(theme["en_titles"]), place=place.name)
            en_blocks = [
                ("paragraph", self.paragraph(theme, place.name, english=True)),
                ("heading", {"text": self.rng.choice(words.EN_HEADINGS), "level": "h2"}),
                ("paragraph", self.paragraph(theme, place.name, english=True)),
            ]
            translation = CaseStudyPage(
                title=en_title,
                slug=f"{slugify(en_title)[:60]}-{number}",
                locale=self.en,
                translation_key=key,
                first_published_at=published + timedelta(days=self.rng.randint(1, 60)),
                summary=" ".join(self.sentences(theme, 2, place.name, english=True))[:400],
                start_year=start_year,
                end_year=end_year,
                status=status,
                body=stream(en_blocks, self.new_id),
            )
            if self.extras:
                self.extras.translated_image(page, translation)
        return page, relations, translation

    def page_links(self, page, relations, language, *, model, m2m_fields, theme_link, tag_link):
        """The rows tying one page to its places, organisations, themes and tags."""
        links = {}
        for field_name in m2m_fields:
            through, rows = through_rows(model, field_name, page.pk, relations[field_name])
            links.setdefault(through, []).extend(rows)
        locale = self.sv if language == "sv" else self.en
        links[theme_link] = [
            theme_link(
                page_id=page.pk,
                theme_id=self.themes[(slug, locale.pk)],
                sort_order=order,
                locale=locale,
                translation_key=self.new_uuid(),
            )
            for order, slug in enumerate(relations["themes"])
        ]
        links[tag_link] = [
            tag_link(content_object_id=page.pk, tag_id=tag) for tag in relations["tags"]
        ]
        return links

    def case_studies(self, count):
        self.pages_of_kind(
            count,
            "case studies",
            CaseStudyIndexPage,
            self.case_study,
            partial(
                self.page_links,
                model=CaseStudyPage,
                m2m_fields=("municipalities", "partners"),
                theme_link=CaseStudyTheme,
                tag_link=CaseStudyTag,
            ),
        )

    def pages_of_kind(self, count, label, index_model, make, make_links):
        done = 0
        while done < count:
            size = min(BATCH_SIZE, count - done)
            made = [make(done + i + 1, self.rng.random() < self.english_share) for i in range(size)]
            with transaction.atomic():
                for language in ("sv", "en"):
                    batch = [
                        (page if language == "sv" else translation, relations)
                        for page, relations, translation in made
                        if language == "sv" or translation is not None
                    ]
                    if not batch:
                        continue
                    self.insert_pages(self.index[(index_model, language)], [p for p, _ in batch])
                    links = {}
                    for page, relations in batch:
                        for model, rows in make_links(page, relations, language).items():
                            links.setdefault(model, []).extend(rows)
                    self.bulk_links(links)
            done += size
            self.progress(label, done, count)

    # Events

    def event(self, number, english):
        theme_slugs = self.theme_slugs(second_chance=0.2)
        theme = words.THEMES[theme_slugs[0]]
        weights = [kind[3] for kind in words.EVENT_TYPES]
        slug, type_name, en_type_name, _weight = self.weighted(words.EVENT_TYPES, weights)[0]
        place = self.place()
        topic = self.rng.choice(theme["topics"])
        title = self.fill(
            self.rng.choice(words.EVENT_TITLES),
            place=place.name,
            county=place.county.name,
            topic=topic,
            type=type_name,
        )
        day = date(2018, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 9 + 180))
        hour = self.rng.choice([9, 10, 13, 14, 15])
        start = datetime.combine(day, clock(hour, 0), tzinfo=STOCKHOLM)
        hours = 1 if slug == "webbfika" else self.rng.choice([2, 3, 3, 6, 7])
        end = start + timedelta(hours=hours)
        online = slug == "webbfika" or self.rng.random() < 0.4
        mode = EventPage.AttendanceMode.ONLINE if online else self.rng.choice(["onsite", "hybrid"])
        status = self.weighted(["scheduled", "postponed", "cancelled"], [95, 3, 2])[0]
        programme = []
        at = start
        for item in self.rng.sample(words.PROGRAMME, self.rng.randint(3, 6)):
            length = timedelta(minutes=self.rng.choice([10, 15, 20, 30, 45]))
            entry = {
                "time": at.strftime("%H:%M"),
                "end_time": (at + length).strftime("%H:%M"),
                "title": self.fill(item, place=place.name, topic=topic),
                "description": "",
            }
            programme.append(("item", entry))
            at += length
        body = [("paragraph", self.paragraph(theme, place.name, 1, 3))]
        extra = self.rng.sample(words.EVENT_SENTENCES, 2)
        body.append(("paragraph", "<p>" + " ".join(self.fill(s, place=place.name) for s in extra)))
        if self.extras:
            body += self.extras.event_body()
        material = []
        if start < REFERENCE_DAY and self.rng.random() < 0.4:
            link = {"title": "Presentationer från träffen", "url": f"https://example.org/{number}"}
            material.append(("link", link))
            if self.rng.random() < 0.3:
                session = {
                    "title": "Bikupor",
                    "duration": 15,
                    "instructions": "<p>Prata i smågrupper vid borden.</p>",
                    "questions": list_items(
                        self.rng.sample(words.WORKSHOP_QUESTIONS, 2), self.new_id
                    ),
                    "facilitator_notes": "",
                }
                material.append(("workshop_session", session))
        if self.extras:
            material += self.extras.event_material(start < REFERENCE_DAY)
        published = min(start - timedelta(days=self.rng.randint(14, 90)), REFERENCE_DAY)
        summary = (
            f"Välkommen till en {type_name.lower()} om {topic}. "
            + " ".join(self.sentences(theme, 1, place.name))
        )[:400]
        key = self.new_uuid()
        fields = {
            "start": start,
            "end": end,
            "status": status,
            "attendance_mode": mode,
            "venue_name": "" if online else f"Stadshuset i {place.name}",
            "audience": self.rng.choice(["Öppen för alla", "För nätverkets medlemmar", ""]),
        }
        page = EventPage(
            title=title,
            slug=f"{slugify(title)[:60]}-{number}",
            locale=self.sv,
            translation_key=key,
            first_published_at=published,
            summary=summary,
            event_type=self.event_types[(slug, self.sv.pk)],
            programme=stream(programme, self.new_id),
            body=stream(body, self.new_id),
            material=stream(material, self.new_id),
            **fields,
        )
        if self.extras:
            page.series_id = self.extras.event_series_id()
            self.extras.listing_image(page)
        text = " ".join([summary, str(body)])
        relations = {
            "municipalities": [place.pk] if self.rng.random() < 0.6 else [],
            "organisers": self.rng.sample(self.organisation_ids, self.rng.randint(0, 2)),
            "themes": theme_slugs,
            "tags": self.tag_ids(theme_slugs, 1, 3, text),
        }
        translation = None
        if english:
            en_title = self.fill(
                self.rng.choice(words.EN_EVENT_TITLES),
                place=place.name,
                topic=self.rng.choice(theme["en_titles"]).split(" in ")[0].lower(),
                type=en_type_name,
            )
            translation = EventPage(
                title=en_title,
                slug=f"{slugify(en_title)[:60]}-{number}",
                locale=self.en,
                translation_key=key,
                first_published_at=published,
                summary=" ".join(self.sentences(theme, 2, place.name, english=True))[:400],
                event_type=self.event_types[(slug, self.en.pk)],
                body=stream(
                    [("paragraph", self.paragraph(theme, place.name, english=True))],
                    self.new_id,
                ),
                **fields,
            )
            translation.series_id = page.series_id  # translations keep the Swedish series
            if self.extras:
                self.extras.translated_image(page, translation)
        return page, relations, translation

    def events(self, count):
        links = partial(
            self.page_links,
            model=EventPage,
            m2m_fields=("municipalities", "organisers"),
            theme_link=EventTheme,
            tag_link=EventTag,
        )
        self.pages_of_kind(count, "events", EventIndexPage, self.event, links)

    # Newsletters

    def newsletters(self, count):
        case_studies = CaseStudyPage.objects.filter(locale=self.sv).order_by("pk")
        case_study_ids = list(case_studies.values_list("pk", flat=True))
        events = EventPage.objects.filter(locale=self.sv).order_by("pk")
        event_ids = list(events.values_list("pk", flat=True))
        first_day = date(2014, 1, 9)
        issues, tag_lists = [], []
        for number in range(1, count + 1):
            theme_slug = self.theme_slugs(second_chance=0)[0]
            theme = words.THEMES[theme_slug]
            topic = self.rng.choice(theme["topics"])
            issue_date = first_day + timedelta(days=14 * (number - 1))
            headline = self.fill(self.rng.choice(words.NEWSLETTER_HEADINGS), topic=topic)
            title = f"Nyhetsbrev nr {number}: {headline}"
            place = self.place().name
            sections = []
            for _ in range(self.rng.randint(2, 3)):
                heading = self.fill(self.rng.choice(words.NEWSLETTER_HEADINGS), topic=topic)
                text = f"<h3>{heading}</h3>{self.paragraph(theme, place, 2, 4)}"
                sections.append(("rich_text", text))
            if case_study_ids:
                note = "Ett exempel att ta efter."
                feature = {"page": self.rng.choice(case_study_ids), "note": note}
                sections.append(("featured_case_study", feature))
            if event_ids:
                feature = {"page": self.rng.choice(event_ids), "note": "Välkommen att delta."}
                sections.append(("featured_event", feature))
            links = [
                {"title": "Alla exempel", "url": "https://example.org/sv/exempel/"},
                {"title": "Kalendern", "url": "https://example.org/sv/evenemang/"},
            ]
            link_list = {"heading": "Läs mer", "links": list_items(links, self.new_id)}
            sections.append(("link_list", link_list))
            published = datetime.combine(issue_date, clock(8, 0), tzinfo=STOCKHOLM)
            issue = NewsletterIssuePage(
                title=title,
                slug=f"nyhetsbrev-{number}",
                locale=self.sv,
                translation_key=self.new_uuid(),
                first_published_at=published,
                issue_date=issue_date,
                number=number,
                intro=" ".join(self.sentences(theme, 3, place))[:600],
                sections=stream(sections, self.new_id),
                sign_off="Hälsningar från kansliet",
            )
            issues.append(issue)
            tag_lists.append(self.tag_ids([theme_slug], 1, 3))
        archive = self.index[(NewsletterIndexPage, "sv")]
        for start in range(0, len(issues), BATCH_SIZE):
            batch = issues[start : start + BATCH_SIZE]
            with transaction.atomic():
                self.insert_pages(archive, batch)
                NewsletterTag.objects.bulk_create(
                    [
                        NewsletterTag(content_object_id=issue.pk, tag_id=tag)
                        for issue, tags in zip(batch, tag_lists[start:], strict=False)
                        for tag in tags
                    ]
                )
            self.progress("newsletter issues", start + len(batch), count)

    # Everything

    def run(self, case_studies, events, issues):
        share = f"{self.english_share:.0%}"
        log(f"Generating pages; {share} of case studies and events also get an English version")
        with transaction.atomic():
            self.taxonomy()
            if self.extras:
                self.extras.prepare(self)
            self.section_pages()
            if self.extras:
                self.extras.series = self.extras.series_pages(self, EventSeriesPage)
                self.insert_pages(self.index[(EventIndexPage, "sv")], self.extras.series)
        self.case_studies(case_studies)
        self.events(events)
        self.newsletters(issues)
        with transaction.atomic():
            self.finish_tree()
        problems = check_tree()
        if problems:
            raise RuntimeError("The generated page tree is not valid: " + "; ".join(problems))
        log(f"  the page tree checks out ({Page.objects.count()} pages)")
        if self.extras:
            self.extras.pre_render()


TREE_CHECKS = {
    "depth does not match the path": """
        SELECT count(*) FROM wagtailcore_page WHERE depth * 4 <> length(path)
    """,
    "no parent": """
        SELECT count(*) FROM wagtailcore_page child WHERE child.depth > 1 AND NOT EXISTS (
            SELECT 1 FROM wagtailcore_page parent
            WHERE parent.path = substr(child.path, 1, length(child.path) - 4))
    """,
    "numchild is wrong": """
        SELECT count(*) FROM wagtailcore_page parent
        LEFT JOIN (
            SELECT substr(path, 1, length(path) - 4) AS parent_path, count(*) AS children
            FROM wagtailcore_page WHERE depth > 1 GROUP BY 1
        ) counted ON counted.parent_path = parent.path
        WHERE parent.numchild <> coalesce(counted.children, 0)
    """,
    "url_path is not the parent's plus the slug": """
        SELECT count(*) FROM wagtailcore_page child
        JOIN wagtailcore_page parent
          ON parent.path = substr(child.path, 1, length(child.path) - 4)
        WHERE child.depth > 1 AND child.url_path <> parent.url_path || child.slug || '/'
    """,
    "duplicate path": """
        SELECT count(*) - count(DISTINCT path) FROM wagtailcore_page
    """,
    "generated but not live, never published or without a locale": """
        SELECT count(*) FROM wagtailcore_page
        WHERE depth > 2 AND (NOT live OR first_published_at IS NULL
                             OR last_published_at IS NULL OR locale_id IS NULL)
    """,
}


DIGEST_PARTS = [
    # Each page with its own row: what the generator wrote, not what indexing made of it.
    """
    SELECT string_agg(concat_ws('|', page.path, page.title, page.slug, page.first_published_at,
                                case_study.summary, case_study.body::text, event.summary,
                                event.start, event.body::text, issue.intro, issue.sections::text),
                      '\n' ORDER BY page.path)
    FROM wagtailcore_page page
    LEFT JOIN casestudies_casestudypage case_study ON case_study.page_ptr_id = page.id
    LEFT JOIN events_eventpage event ON event.page_ptr_id = page.id
    LEFT JOIN hub_newsletterissuepage issue ON issue.page_ptr_id = page.id
    """,
    """
    SELECT string_agg(page_id || ':' || value_id, ',' ORDER BY page_id, value_id) FROM (
        SELECT casestudypage_id AS page_id, municipality_id AS value_id
        FROM casestudies_casestudypage_municipalities
        UNION ALL SELECT page_id, theme_id FROM casestudies_casestudytheme
        UNION ALL SELECT content_object_id, tag_id FROM casestudies_casestudytag
        UNION ALL SELECT eventpage_id, municipality_id FROM events_eventpage_municipalities
        UNION ALL SELECT page_id, theme_id FROM events_eventtheme
        UNION ALL SELECT content_object_id, tag_id FROM events_eventtag
        UNION ALL SELECT content_object_id, tag_id FROM hub_newslettertag
    ) links
    """,
    # The site benchmark's extras; empty, and so left out, for the search benchmark.
    """
    SELECT string_agg(page_ptr_id || ':' || listing_image_id, ',' ORDER BY page_ptr_id) FROM (
        SELECT page_ptr_id, listing_image_id FROM casestudies_casestudypage
        UNION ALL SELECT page_ptr_id, listing_image_id FROM events_eventpage
    ) images WHERE listing_image_id IS NOT NULL
    """,
    """
    SELECT string_agg(concat_ws('|', page_ptr_id, series_id, material::text), ','
                      ORDER BY page_ptr_id)
    FROM events_eventpage WHERE series_id IS NOT NULL OR material::text LIKE '%"document"%'
    """,
    """
    SELECT string_agg(concat_ws('|', id, title, width, height), ',' ORDER BY id)
    FROM wagtailimages_image
    """,
]


def content_digest():
    """A short fingerprint of the generated pages and their links: equal seeds, equal digests."""
    with connection.cursor() as cursor:
        parts = []
        for sql in DIGEST_PARTS:
            cursor.execute(f"SELECT md5(({sql}))")  # noqa: S608 (constant SQL)
            parts.append(cursor.fetchone()[0] or "")
    return hashlib.md5("".join(parts).encode(), usedforsecurity=False).hexdigest()[:12]


def check_tree():
    """What is wrong with the page tree, as sentences; an empty list when nothing is."""
    problems = []
    with connection.cursor() as cursor:
        for problem, sql in TREE_CHECKS.items():
            cursor.execute(sql)
            count = cursor.fetchone()[0]
            if count:
                problems.append(f"{count} pages: {problem}")
    return problems
