from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import views

urlpatterns = [
    path("", views.search, name="search"),
    path(_("suggestions/"), views.suggestions, name="search_suggestions"),
]
