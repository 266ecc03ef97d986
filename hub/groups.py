"""Wagtail's group and user admin, naming the editors' groups in the admin's language.

The groups' names are Swedish database strings (hub/roles.py); an English admin reads
"Editors" where the database says "Redaktörer". Groups editors add keep the name they gave.
"""

from wagtail.admin.ui.tables import TitleColumn
from wagtail.users import forms
from wagtail.users.views import groups, users

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


class TranslatedGroupsMixin:
    """The user form's group checkboxes, labelled in the admin's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = lambda group: group_label(group.name)


class UserCreationForm(TranslatedGroupsMixin, forms.UserCreationForm):
    pass


class UserEditForm(TranslatedGroupsMixin, forms.UserEditForm):
    pass


class UserViewSet(users.UserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
