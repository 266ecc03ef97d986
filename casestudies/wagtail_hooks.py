"""The case study import in Wagtail's admin (casestudies/importing/views.py)."""

from wagtail import hooks

from casestudies.importing import views as importing


@hooks.register("register_admin_urls")
def import_admin_urls():
    return importing.admin_urls


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return importing.menu_item()
