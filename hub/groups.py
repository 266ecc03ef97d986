"""Wagtail's group admin, naming the editors' groups in the admin's language.

The groups' names are Swedish database strings (hub/roles.py); an English admin reads
"Editors" where the database says "Redaktörer". Groups editors add keep the name they gave.
"""

from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups

from hub.roles import group_label


class GroupNameColumn(TitleColumn):
    def get_value(self, instance):
        return group_label(instance.name)


STOCK_NAME_COLUMN = groups.IndexView.columns[0]


class IndexView(groups.IndexView):
    columns = [
        GroupNameColumn(
            "name",
            label=STOCK_NAME_COLUMN.label,  # Wagtail's own "Name", in its own catalogue
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class EditView(groups.EditView):
    def get_page_subtitle(self):
        return group_label(self.object.name)


class GroupViewSet(groups.GroupViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
