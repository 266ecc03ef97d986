"""Pages read from the database without modelcluster's field scans.

modelcluster's `ClusterableModel.__init__` (every Wagtail page) lists the model's child
relations and many-to-many fields, two passes over its hundred-odd fields, so that they can be
given as keyword arguments. A row read from the database never gives them, yet every page a
list reads paid for both passes: a quarter of the time of a calendar file of 118 events.
The lists depend only on the model class, so they are worked out once per class here.
"""

from modelcluster import models as modelcluster_models

from django.apps import apps

_found = {}


def _once_per_class(name, find):
    def lookup(model):
        cls = model if isinstance(model, type) else type(model)
        key = (name, cls)
        if key not in _found:
            relations = find(cls)
            if not apps.ready:  # the model's relations may still be arriving
                return relations
            _found[key] = tuple(relations)
        return list(_found[key])

    return lookup


def install():
    """Replace modelcluster's two lookups with ones that remember their answer per class."""
    if getattr(modelcluster_models, "_klimathubben_once_per_class", False):
        return
    modelcluster_models.get_all_child_relations = _once_per_class(
        "child relations", modelcluster_models.get_all_child_relations
    )
    modelcluster_models.get_all_child_m2m_relations = _once_per_class(
        "child many-to-many", modelcluster_models.get_all_child_m2m_relations
    )
    modelcluster_models._klimathubben_once_per_class = True
