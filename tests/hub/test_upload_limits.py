"""What editors may upload, proved through the admin's own upload views, and how it is served.

Each refusal is a form error in the editor's language, never a 500; documents that a browser
could run in the site's origin are only ever downloaded.
"""

import io
import json
import struct
import zlib

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

REFUSED_DOCUMENTS = [
    ("installer.exe", b"MZ\x90\x00"),
    ("page.html", b"<script>alert(document.cookie)</script>"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
]


def png(width=4, height=4):
    """A real PNG drawn by Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "green").save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width, height):
    """A PNG of a few dozen bytes whose header claims `width` × `height` pixels: a
    decompression bomb, which would take gigabytes of memory to open."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def upload(client, kind, name, content, multiple=False):
    """Post one file to the admin's add view for `kind` (images or documents), or to its
    multiple upload view as the drag-and-drop page does."""
    root = Collection.get_first_root_node()
    file = SimpleUploadedFile(name, content)
    if multiple:
        return client.post(
            f"/admin/{kind}/multiple/add/",
            {"files[]": file, "collection": root.pk},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    return client.post(f"/admin/{kind}/add/", {"title": name, "file": file, "collection": root.pk})


def refusal(response, multiple):
    """The message an editor sees about the file; the response must be a form, not a 500."""
    assert response.status_code == 200
    if multiple:
        data = json.loads(response.content)
        assert data["success"] is False
        return data["error_message"]
    errors = response.context["form"].errors
    assert "file" in errors, errors
    return " ".join(errors["file"])


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
@pytest.mark.parametrize(("name", "content"), REFUSED_DOCUMENTS, ids=["exe", "html", "svg"])
def test_documents_of_other_types_are_refused_with_a_message(
    client, home, editor, name, content, multiple
):
    """A program, a web page or an SVG drawing is refused, naming the types that are allowed."""
    message = refusal(upload(client, "documents", name, content, multiple), multiple)
    extension = name.rsplit(".", 1)[1]
    assert f"“{extension}”" in message  # Filändelsen “exe” är inte giltig.
    assert "pdf, pptx" in message
    assert not Document.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_a_pdf_is_accepted(client, home, editor, multiple):
    """The allowed types do go in."""
    response = upload(client, "documents", "bilder.pdf", b"%PDF-1.4\n%%EOF\n", multiple)
    assert response.status_code in (200, 302)
    assert Document.objects.get().file.name.endswith(".pdf")


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_documents_past_the_size_limit_are_refused(client, home, editor, multiple):
    """A document one byte over WAGTAILDOCS_MAX_UPLOAD_SIZE is refused with the limit named."""
    content = b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    message = refusal(upload(client, "documents", "stor.txt", content, multiple), multiple)
    assert "30,0\xa0MB" in message or "30.0\xa0MB" in message
    assert not Document.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_images_past_the_size_limit_are_refused(client, home, editor, multiple):
    """An image file one byte over WAGTAILIMAGES_MAX_UPLOAD_SIZE is refused, not opened."""
    small = png()
    content = small + b"\x00" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1 - len(small))
    message = refusal(upload(client, "images", "stor.png", content, multiple), multiple)
    assert "15,0\xa0MB" in message or "15.0\xa0MB" in message
    assert not Image.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
@pytest.mark.parametrize(
    ("width", "height"),
    # Past the hub's own limit, and past twice Pillow's, where it refuses to open the file.
    [(9_000, 9_000), (50_000, 50_000)],
    ids=["past the hub's limit", "decompression bomb"],
)
def test_images_with_too_many_pixels_are_refused(client, home, editor, width, height, multiple):
    """A small file that claims more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS is refused
    with a message, before anything decodes it."""
    content = png_claiming(width, height)
    assert len(content) < 100
    message = refusal(upload(client, "images", "bomb.png", content, multiple), multiple)
    assert f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS}" in message.replace("\xa0", "")
    assert not Image.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_a_truncated_image_is_refused_with_a_message(client, home, editor, multiple):
    """A picture cut short (a broken download) is a form error, not a server error."""
    message = refusal(
        upload(client, "images", "trasig.png", png_claiming(100, 100), multiple), multiple
    )
    assert "bild" in message  # Django's Swedish: Ladda upp en giltig bild. ...
    assert not Image.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_svg_images_are_refused(client, home, editor, multiple):
    """An SVG can carry a script, so the image library takes none."""
    svg = REFUSED_DOCUMENTS[2][1]
    message = refusal(upload(client, "images", "drawing.svg", svg, multiple), multiple)
    assert "AVIF, GIF, JPG, JPEG, PNG, WEBP" in message
    assert not Image.objects.exists()


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple"])
def test_an_image_within_the_limits_is_accepted(client, home, editor, multiple):
    """A real picture within every limit goes in."""
    response = upload(client, "images", "foto.png", png(40, 30), multiple)
    assert response.status_code in (200, 302)
    assert (Image.objects.get().width, Image.objects.get().height) == (40, 30)


def served(client, name, content):
    document = Document.objects.create(title=name, file=SimpleUploadedFile(name, content))
    assert document.url.startswith("/documents/"), "documents go through the serving view"
    response = client.get(document.url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    return response, body


def test_text_documents_are_downloaded_never_shown_in_the_site(client, home):
    """A text file holding HTML is a download, of its own type, which no browser renders."""
    response, body = served(client, "anteckningar.txt", b"<script>alert(1)</script>")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert body == b"<script>alert(1)</script>"


def test_pdfs_open_in_the_browser_but_run_nothing_of_the_site(client, home):
    """A PDF opens in the browser's viewer, under a policy that allows no script or request."""
    response, _body = served(client, "bilder.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response


def test_a_form_post_past_the_memory_limit_is_refused_not_a_500(client, home):
    """A public form post bigger than DATA_UPLOAD_MAX_MEMORY_SIZE is a 400, read no further."""
    body = b"email=" + b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        "/sv/nyhetsbrev/prenumerera/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_form_post_with_too_many_fields_is_refused_not_a_500(client, home):
    """A post with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields is a 400."""
    body = "&".join(["x=1"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)).encode()
    response = client.post(
        "/sv/nyhetsbrev/prenumerera/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
