"""What the project's object indexers share: each search field's value is read once.

modelsearch's ObjectIndexer reads every search field again for each column it fills (title,
body, autocomplete, and the plain title and body text): five reads of each StreamField, each
rich text field and each relation per object, a query per relation and read when nothing is
prefetched. Here the first read is kept.
"""


class PreparedFieldsMixin:
    """For a modelsearch ObjectIndexer: `prepare_field` on the indexed object runs once a field."""

    def prepare_field(self, obj, field):
        if obj is not self.obj:  # a related object, read through its RelatedFields
            return super().prepare_field(obj, field)
        try:
            prepared = self._prepared_fields
        except AttributeError:
            prepared = self._prepared_fields = {}
        key = id(field)
        if key not in prepared:
            prepared[key] = list(super().prepare_field(obj, field))
        return iter(prepared[key])
