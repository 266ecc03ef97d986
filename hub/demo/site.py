"""The home page in every language and the pages about the hub itself."""

from django.apps import apps

from wagtail.models import Site

from hub.demo import DemoLoader, prepare_fields, read_data, resolve_references
from hub.models import HomePage


def page_model(entry):
    """The page type the file names ("casestudies.CaseStudyIndexPage"); a standard page if none."""
    return apps.get_model(entry.get("type", "hub.StandardPage"))


def default_home():
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


def load(loader: DemoLoader):
    data = read_data("site.toml")
    home = default_home()
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run the migrations.")
    pages = {"home": home}

    # Swedish pages first, so that the home page can link to them.
    for entry in data["pages"]:
        pages[entry["key"]] = loader.page(
            entry["key"],
            page_model(entry),
            pages[entry["parent"]],
            entry["sv"],
            show_in_menus=entry.get("show_in_menus", False),
            **entry.get("attributes", {}),
        )

    home_data = resolve_references(data["home"], loader)
    if not home.introduction:
        for name, value in prepare_fields(HomePage, "home", home_data["sv"]).items():
            setattr(home, name, value)
        home.draft_title = home.title
        home.save_revision().publish()
        loader.log("  filled the home page")

    # The home page is translated before its children, which would otherwise copy it untranslated.
    loader.translate(home, "en", prepare_fields(HomePage, "home", home_data["en"]))
    for entry in data["pages"]:
        if "en" in entry:
            fields = prepare_fields(page_model(entry), entry["key"], entry["en"])
            loader.translate(pages[entry["key"]], "en", fields)
    return pages
