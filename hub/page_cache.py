"""The page cache: whole responses for anonymous visitors, never older than the content.

A response is kept under a key that holds the content version (hub/versions.py), which every
change editors make replaces, and the next moment the content changes with time alone (an event
starts or ends, registration closes, a new day begins): from that moment on the same address
has another key, and the entry expires by then anyway. Whatever could differ between two
visitors (signed in, a form with its CSRF token, a cookie, a private page) is never kept.
docs/caching.md gives the whole argument.
"""

import hashlib
import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from hub.timezones import STOCKHOLM
from hub.versions import content_version

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# A kept response may say it differs by these, as the key holds each of them (a cookie that
# changes a page, the session's or the messages', is never seen by the cache).
KEYED_VARY = {"accept-encoding", "accept-language", "cookie"}

_moment_sources = []
# (content version, from, until): no moment falls in [from, until) in that version.
_next_moment = [None]


def watch_moments(source):
    """Let `source(now)` name the first moment at or after `now` when pages change without
    anyone saving anything (an event starting), or None."""
    if source not in _moment_sources:
        _moment_sources.append(source)


def next_moment(now):
    """The first moment at or after `now` when what a page shows may change by itself.

    Worked out once per content version and moment: between two moments nothing changes.
    """
    version = content_version()
    known = _next_moment[0]
    if known is not None and known[0] == version and known[1] <= now < known[2]:
        return known[2]
    tomorrow = timezone.localtime(now, STOCKHOLM).date() + timedelta(days=1)
    moments = [datetime.combine(tomorrow, time(), tzinfo=STOCKHOLM)]
    moments += [moment for source in _moment_sources if (moment := source(now)) is not None]
    moment = min(moments)
    _next_moment[0] = (version, now, moment)
    return moment


def not_page_cached(request):
    """Keep this response out of the page cache (a private page, an inline script's nonce)."""
    request.page_cache_skip = True


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD requests from the page cache, and keep what may be kept.

    Cacheable responses say `public, max-age=0, must-revalidate, s-maxage` (the shared
    caches' time no longer than to the next moment) with an ETag, and a matching
    `If-None-Match` gets a 304; every other response to a GET that
    says nothing itself gets `private, no-cache`. PAGE_CACHE_SECONDS = 0 turns it all off.
    """

    def __init__(self, get_response):
        if settings.PAGE_CACHE_SECONDS <= 0:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.cache = caches[settings.PAGE_CACHE_ALIAS]
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.max_age = settings.PAGE_CACHE_MAX_AGE
        self.exempt_prefixes = tuple(settings.PAGE_CACHE_EXEMPT_PREFIXES)
        self.private_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

    def __call__(self, request):
        if request.method not in {"GET", "HEAD"} or self.exempt(request.path):
            return self.get_response(request)
        if self.private_cookies.intersection(request.COOKIES):
            return self.uncached(self.get_response(request))
        now = timezone.now()
        moment = next_moment(now)
        if moment <= now:  # the very moment: what is kept from before may show it wrong
            return self.uncached(self.get_response(request))
        try:
            key = self.key(request, moment)
        except DisallowedHost:  # answered with a 400 by Django
            return self.get_response(request)
        entry = self.cache.get(key)
        if entry is not None:
            return self.answer(request, rebuild(entry), now, moment)
        response = self.get_response(request)
        finished = timezone.now()
        if finished >= moment or not self.keepable(request, response):
            return self.uncached(response)
        response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
        patch_vary_headers(response, ["Accept-Encoding"])  # a proxy keeps gzip apart
        if request.method == "GET":  # a HEAD is answered from a kept GET, but not kept
            timeout = min(self.seconds, (moment - finished).total_seconds())
            self.cache.set(key, kept(response), timeout)
        return self.answer(request, response, finished, moment)

    def exempt(self, path):
        """The admin, Wagtail's own views (/_util/ under a language) and documents."""
        return path.startswith(self.exempt_prefixes) or path[3:].startswith(self.exempt_prefixes)

    def key(self, request, moment):
        language = translation.get_language_from_request(request, check_path=True)
        gzip = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        parts = [
            content_version(),
            moment.isoformat(),
            request.scheme,
            request.get_host(),
            language,
            "gzip" if gzip else "identity",
            request.get_full_path(),
        ]
        digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
        return f"page:{digest}"

    def keepable(self, request, response):
        """Whether every anonymous visitor would get this very response."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "Cache-Control" in response:  # the view has said how it may be kept
            return False
        if getattr(request, "page_cache_skip", False) or getattr(request, "is_preview", False):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        return vary - {""} <= KEYED_VARY

    def answer(self, request, response, now, moment):
        seconds = int((moment - now).total_seconds())
        # Browsers ask again each time (a 304 while the page is unchanged), so a visitor never
        # sees a page older than the site's; shared caches may keep it briefly (Varnish is
        # purged on publish as well).
        shared = max(0, min(self.max_age, seconds))
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True, s_maxage=shared)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    @staticmethod
    def uncached(response):
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def kept(response):
    """What the cache keeps of a response: its body and headers."""
    return response.content, list(response.items())


def rebuild(entry):
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class BreachSafeGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, except for responses holding a secret that BREACH could read
    from compressed sizes: a CSRF token (its cookie is set with it) or a signed-in page."""

    def process_response(self, request, response):
        if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        return super().process_response(request, response)
