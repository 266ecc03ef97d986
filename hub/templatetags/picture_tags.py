"""Wagtail's `{% picture %}`, with each width once in a `srcset`.

An image narrower than a spec's width is not enlarged, so two specs can give renditions of the
same width (a 700-pixel upload asked for at 800 and 1200): Wagtail lists both, which the HTML
checker refuses as a repeated width. Here the repeat is left out, and a lone candidate keeps
its width descriptor, as `sizes` requires.

Each `<picture>` is made once per content version (hub/versions.py): an edited image starts a
new one, so a warm list builds no rendition addresses or attributes again.
"""

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

from hub.versions import remember

register = template.Library()


class DistinctPicture(Picture):
    @classmethod
    def get_width_srcset(cls, renditions_list):
        seen, candidates = set(), []
        for rendition in renditions_list:
            if rendition.width and rendition.width not in seen:
                seen.add(rendition.width)
                candidates.append(f"{rendition.url} {rendition.width}w")
        return ", ".join(candidates) or renditions_list[0].url


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        # Made once per tag: a filter parses its spec (and finds the image operations'
        # hooks) on first use, which Wagtail's tag repeats for every image it shows.
        if not hasattr(self, "_filters"):
            self._filters = super().get_filters()
        return self._filters

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        if self.output_var_name:
            renditions = get_renditions_or_not_found(image, self.get_filters())
            context[self.output_var_name] = DistinctPicture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}

        def html():
            renditions = get_renditions_or_not_found(image, self.get_filters())
            return DistinctPicture(renditions, attrs).__html__()

        if image.pk is None:
            return html()
        key = ("picture", image.pk, *self.filter_specs, *(map(str, attrs.items())))
        return remember(key, html)


@register.tag
def picture(parser, token):
    """`{% picture image fill-{400x225,800x450} format-{avif,webp,jpeg} sizes="..." %}`."""
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
