"""Indexed text that reads as running text, for the excerpts shown with each search result.

modelsearch joins the pieces of a StreamField with ", " and a page's fields with " ", empty
pieces included: a programme item without details gave "Välkommen, , Ett lokalt
klimatkontrakt…", and a paragraph followed by a heading "…föras vidare., Vägen framåt".
Here empty pieces are dropped, a piece that already ends a sentence is followed by a space,
and the others by a full stop before a capital letter ("Välkommen. Ett lokalt klimatkontrakt")
or by a comma before a lowercase word (a list of tags).
"""

from modelsearch.index import SearchField

PUNCTUATED = (".", "!", "?", "…", ":", ";", ",")


def running_text(pieces):
    """Join pieces of text as running text: no empty pieces, no doubled punctuation."""
    text = ""
    for piece in pieces:
        piece = " ".join(str(piece).split())
        if not piece:
            continue
        if not text:
            text = piece
        elif text.endswith(PUNCTUATED):
            text = f"{text} {piece}"
        elif piece[0].isupper():
            text = f"{text}. {piece}"
        else:
            text = f"{text}, {piece}"
    return text


class RunningTextMixin:
    """For a modelsearch ObjectIndexer: lists and the body's fields joined as running text."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return running_text(self.prepare_value(item) for item in value)
        if isinstance(value, dict):
            return running_text(self.prepare_value(item) for item in value.values())
        return super().prepare_value(value)

    def body_running_text(self):
        """Every search field but the title, as one text (PostgreSQL's indexer adds a weight)."""
        pieces = []
        for field in self.search_fields:
            for current_field, *_weight, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField) and current_field.field_name != "title":
                    pieces.append(value)
        return running_text(pieces)
