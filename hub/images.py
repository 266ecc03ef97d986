"""The image sizes that lists show, so that their queries can fetch the renditions in advance."""

# The card image of components/case_study_card.html and the featured page of a newsletter issue:
# `{% image page.listing_image fill-640x360 format-webp %}` asks for this rendition.
CARD_IMAGE = "fill-640x360|format-webp"
