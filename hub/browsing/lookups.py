"""Where a lookup from a page crosses into a link table; no models imported, so that the
content-type registry can use it before the app registry is ready."""


def link_table(model, lookup):
    """Where a lookup from `model` crosses to another table, as a subquery can read it alone.

    Returns (link model, its field pointing at `model`, the rest of the lookup from the link
    model), or None for a lookup on `model`'s own columns and foreign keys.
    `link_table(CaseStudyPage, "municipalities__county__slug")` gives
    (the through model, "casestudypage", "municipality__county__slug").
    """
    first, _sep, rest = lookup.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_many and not field.auto_created:
        rest = (
            f"{field.m2m_reverse_field_name()}__{rest}" if rest else field.m2m_reverse_field_name()
        )
        return field.remote_field.through, field.m2m_field_name(), rest
    if field.one_to_many:
        return field.related_model, field.field.name, rest
    return None
