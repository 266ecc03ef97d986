"""The e-mail edition of an issue: HTML with inline styles, and a plain-text alternative.

Each section block renders its own e-mail parts (`EmailSectionBlock` in `blocks.py`); this
module puts them between the issue's header and footer.
"""

import re

from bs4 import BeautifulSoup

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from hub.newsletters.links import absolute, alerts_url, unsubscribe_url

EMAIL_STYLES = {
    "p": "margin:0 0 16px;font-size:16px;line-height:1.5;color:#1b1f1d;",
    "h2": "margin:24px 0 8px;font-size:22px;line-height:1.3;color:#1b1f1d;",
    "h3": "margin:20px 0 8px;font-size:18px;line-height:1.3;color:#1b1f1d;",
    "ul": "margin:0 0 16px;padding-left:24px;",
    "ol": "margin:0 0 16px;padding-left:24px;",
    "li": "margin:0 0 6px;font-size:16px;line-height:1.5;color:#1b1f1d;",
    "a": "color:#0b5d3b;text-decoration:underline;",
}


def email_html(html):
    """Rich text made e-mail safe: absolute links and inline styles, since mail programs
    ignore style sheets and cannot resolve relative addresses."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(list(EMAIL_STYLES)):
        element["style"] = EMAIL_STYLES[element.name]
    for element in soup.find_all(href=True):
        if element["href"].startswith("/"):
            element["href"] = absolute(element["href"])
    for element in soup.find_all(src=True):
        if element["src"].startswith("/"):
            element["src"] = absolute(element["src"])
    return str(soup)


def html_to_text(html):
    """A plain-text reading of rich text: links keep their address, list items a dash."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        href = link["href"] if not link["href"].startswith("/") else absolute(link["href"])
        link.replace_with(f"{link.get_text()} ({href})")
    for item in soup.find_all("li"):
        item.insert(0, "- ")
        item.append("\n")
    for block in soup.find_all(["p", "h2", "h3", "ul", "ol"]):
        block.append("\n\n")
    text = soup.get_text()
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def section_parts(issue, context):
    """The HTML and the plain-text e-mail part of every section, each block rendering its own.

    A block returns None for a part it leaves out, such as a featured page taken offline.
    """
    html, text = [], []
    for section in issue.sections:
        html_part = section.block.render_email_html(section.value, context)
        text_part = section.block.render_email_text(section.value, context)
        if html_part is not None:
            html.append(html_part)
        if text_part is not None:
            text.append(text_part)
    return html, text


def email_context(issue):
    """Everything the e-mail edition shows that is the same for every subscriber."""
    with translation.override(issue.locale.language_code):
        archive = issue.get_parent()  # only its address is used
        context = {
            "issue": issue,
            "web_url": absolute(issue.url),
            "archive_url": absolute(archive.url),
            "subscribe_url": absolute(reverse("newsletter_subscribe")),
            "site_url": settings.SITE_BASE_URL,
        }
        context["sections"], context["text_sections"] = section_parts(issue, context)
        return context


def render_issue_email(issue, subscriber=None, shared=None):
    """Subject, plain text and HTML of an issue as e-mailed (to `subscriber`, if given).

    `shared` is `email_context(issue)`, worked out once when many subscribers get the issue.
    """
    context = {
        **(shared or email_context(issue)),
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else None,
        "alerts_url": alerts_url(subscriber) if subscriber else None,
    }
    with translation.override(issue.locale.language_code):
        subject = gettext("%(title)s – Klimathubben's newsletter no. %(number)s") % {
            "title": issue.title,
            "number": issue.number,
        }
        text = render_to_string("newsletter/email.txt", context)
        html = render_to_string("newsletter/email.html", context)
    return subject, text, html


def email_edition_response(issue):
    """The e-mail edition in the browser, exactly as sent. It needs inline styles, so it gets
    its own policy: no scripts, nothing from elsewhere, inline styles allowed."""
    _subject, _text, html = render_issue_email(issue)
    response = HttpResponse(html)
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
    response["X-Robots-Tag"] = "noindex"
    return response
