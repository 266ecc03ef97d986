"""Admin form widgets."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from hub.collation import sort_key


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in groups under a legend each, with a box that narrows them as you type.

    Without JavaScript this is a plain list of grouped checkboxes. The script
    (`hub/js/admin/picker.js`) shows the filter box, hides what does not match and keeps the
    summary of chosen items current. Subclasses say how options group (`group_label`) and
    what the query needs for that (`select_related`), so that hundreds of options take one
    query.
    """

    select_related = ()
    filter_label = gettext_lazy("Filter by name")

    class Media:
        js = ["hub/js/admin/picker.js"]
        css = {"all": ["hub/css/admin-picker.css"]}

    def group_label(self, instance):
        """The legend of the group `instance` belongs to; one group when empty."""
        return ""

    def items(self):
        """(value, label, group) for every option, in the order they are shown."""
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            queryset = choices.queryset
            if self.select_related:
                queryset = queryset.select_related(*self.select_related)
            field = choices.field
            items = [
                (str(field.prepare_value(obj)), field.label_from_instance(obj), obj)
                for obj in queryset
            ]
        else:
            items = [(str(value), str(label), None) for value, label in choices]
        language = get_language() or "sv"
        return sorted(
            (
                (value, str(label), self.group_label(obj) if obj is not None else "")
                for value, label, obj in items
            ),
            key=lambda item: (sort_key(item[2], language), sort_key(item[1], language)),
        )

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", None) or f"id_{name}"
        chosen_values = {str(v) for v in self.format_value(value)}
        items = self.items()

        groups = []
        for index, (option_value, label, group) in enumerate(items):
            if not groups or groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append((f"{base_id}_{index}", option_value, label))

        def group_html(group, options):
            checkboxes = (
                (self.checkbox(name, option_id, value, label, value in chosen_values, attrs),)
                for option_id, value, label in options
            )
            return self.group(group, format_html_join("", "{}", checkboxes))

        chosen_labels = [label for value, label, _group in items if value in chosen_values]
        return format_html(
            '<div class="hub-picker" data-controller="hub-picker"'
            ' data-action="change->hub-picker#summarise"'
            ' data-hub-picker-none-text="{}" data-hub-picker-chosen-text="{}"'
            ' data-hub-picker-shown-text="{}">'
            '<p class="hub-picker__chosen" data-hub-picker-target="summary">{}</p>'
            '<div class="hub-picker__filter" data-hub-picker-target="filterBox" hidden>'
            '<label class="hub-picker__filter-label" for="{}-filter">{}</label>'
            '<input type="search" class="hub-picker__filter-input" id="{}-filter"'
            ' autocomplete="off" data-hub-picker-target="filter"'
            ' data-action="input->hub-picker#filter keydown.enter->hub-picker#keep">'
            '<p class="hub-picker__count" data-hub-picker-target="count" aria-live="polite"></p>'
            "</div>"
            '<div class="hub-picker__groups">{}</div>'
            "</div>",
            _("None chosen"),
            _("Chosen ({count}): {names}"),
            _("{shown} of {total} shown"),
            self.summary(chosen_labels),
            base_id,
            self.filter_label,
            base_id,
            format_html_join("", "{}", ((group_html(*g),) for g in groups)),
        )

    @staticmethod
    def checkbox(name, option_id, value, label, checked, attrs):
        return format_html(
            '<li class="hub-picker__option" data-hub-picker-target="option">'
            '<input type="checkbox" name="{}" value="{}" id="{}"{}{}>'
            ' <label for="{}">{}</label></li>',
            name,
            value,
            option_id,
            " checked" if checked else "",
            forms.widgets.flatatt(attrs),
            option_id,
            label,
        )

    @staticmethod
    def group(group, option_list):
        """One group of options under its legend, or the options alone where there are no groups."""
        if not group:
            return format_html('<ul class="hub-picker__options">{}</ul>', option_list)
        return format_html(
            '<fieldset class="hub-picker__group" data-hub-picker-target="group">'
            '<legend class="hub-picker__legend">{}</legend>'
            '<ul class="hub-picker__options">{}</ul></fieldset>',
            group,
            option_list,
        )

    @staticmethod
    def summary(labels):
        if not labels:
            return _("None chosen")
        return _("Chosen ({count}): {names}").format(count=len(labels), names=", ".join(labels))


class MunicipalityPicker(FilterableCheckboxSelectMultiple):
    """All 290 municipalities, by county."""

    select_related = ("county",)
    filter_label = gettext_lazy("Filter by municipality or county")

    def group_label(self, instance):
        return instance.county.display_name


class OrganisationPicker(FilterableCheckboxSelectMultiple):
    """Organisations, by kind."""

    filter_label = gettext_lazy("Filter by name or kind")

    def group_label(self, instance):
        return instance.get_kind_display()
