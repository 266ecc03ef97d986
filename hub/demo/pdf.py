"""A tiny PDF writer for demo slides: real, selectable text in Helvetica, one slide a page."""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 842, 595  # A4 landscape, in points
MARGIN = 60


def _escape(text):
    encoded = text.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(slide):
    lines = slide.split("\n")
    commands = ["BT", f"/F2 28 Tf {MARGIN} {PAGE_HEIGHT - MARGIN - 28} Td 34 TL"]
    commands.append(f"({_escape(lines[0])}) Tj T*")
    commands.append("/F1 18 Tf 26 TL T*")
    for line in lines[1:]:
        for part in textwrap.wrap(line, 70) or [""]:
            commands.append(f"({_escape(part)}) Tj T*")
    commands.append("ET")
    return "\n".join(commands).encode("latin-1")


def simple_pdf(slides, title=""):
    """The bytes of a PDF with one page per slide; a slide's first line is its heading."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages = add(b"")
    regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for slide in slides:
        stream = _page_stream(slide)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages} 0 R "
                    f"/MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                    f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages} 0 R >>".encode()
    objects[pages - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] /Count {len(kids)} >>"
    ).encode()
    info = add(f"<< /Title ({_escape(title)}) /Producer (Klimathubben) >>".encode("latin-1"))

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)
