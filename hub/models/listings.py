"""What an unfiltered listing counts, kept between requests until its content changes."""

from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page


class ListingSummary(models.Model):
    """Each filter's options with their totals for a listing with nothing chosen.

    Counting over every page of a large library on each visit costs an aggregate per filter;
    the unfiltered view is the most visited, so its counts are kept here. Any change to a page,
    to the rows linking pages to their themes, places, partners and tags, or to those terms
    forgets every summary (a handful of rows), and the next visit counts afresh.
    """

    listing = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name="listing page"
    )
    data = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Summary of page {self.listing_id}"

    @classmethod
    def read(cls, listing, compute):
        """The kept summary of `listing`, or `compute()`'s, kept for the next visit."""
        data = cls.objects.filter(listing=listing).values_list("data", flat=True).first()
        if data is None:
            data = compute()
            try:
                with transaction.atomic():
                    cls.objects.update_or_create(listing=listing, defaults={"data": data})
            except IntegrityError:  # another request kept the same summary first
                pass
        return data


_watched = set()


def forget_summaries(sender, instance=None, action="post", **kwargs):
    if action.startswith("pre"):  # m2m_changed says so before and after a change
        return
    if sender in _watched or isinstance(instance, Page):
        ListingSummary.objects.all().delete()


def watch_for_summaries(*models_):
    """Forget the kept summaries whenever one of `models_` (or any page) changes."""
    _watched.update(models_)


post_save.connect(forget_summaries, dispatch_uid="listing_summaries_save")
post_delete.connect(forget_summaries, dispatch_uid="listing_summaries_delete")
m2m_changed.connect(forget_summaries, dispatch_uid="listing_summaries_m2m")
