"""Hypothesis strategies for hostile requests: query strings, path segments, form posts, headers.

Everything is percent-encoded here, so a lone surrogate or a byte that is not UTF-8 reaches the
site the way a visitor's browser or script would send it: as `%ED%A0%80` or `%FF`.
"""

from datetime import date
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

# Values that have broken web applications before, or that mean something to a parser.
TRICKY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: not UTF-8 at all
    "\udfff\ud800",
    "\r\n",
    "x\r\nSet-Cookie: sessionid=1",
    "../",
    "../../etc/passwd",
    "..\\..\\",
    "/",
    "//example.org",
    "x" * 10_000,
    "9" * 10_000,
    "-1",
    "0",
    "00",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    " 2 ",
    "+3",
    "2147483648",
    "9223372036854775808",
    "-99999999999999999999",
    "１２",  # fullwidth digits, which int() reads
    "٣",  # an Arabic-Indic digit
    "ﬁ",  # a ligature that NFKC turns into two letters
    "e\u0301",  # e and a combining accent
    "\u212b",  # the Ångström sign, NFC "Å"
    "\u212a",  # the Kelvin sign, NFKC "K"
    "İ",
    "ß",
    "\u202eevil",
    "\ufeff",
    "<script>alert(1)</script>",
    "\"'><",
    "' OR 1=1--",
    "%",
    "{{ 7*7 }}",
    '=HYPERLINK("http://example.org")',
    "[]",
    "null",
    "true",
]
MALFORMED_DATES = [
    "2024-13",
    "2024-00",
    "2024-13-45",
    "2024-02-30",
    "0000-00",
    "0000-01-01",
    "9999-12",
    "10000-01",
    "-2024-01",
    "2024-1",
    "2024/01",
    "2024",
    "1",
    "1900",
    "99999",
]
# Escapes that are not UTF-8, or that decode to something a parser may trip on.
RAW_ESCAPES = [
    "%FF",
    "%C0%AE",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%00",
    "%",
    "%Z",
    "%0D%0A",
    "%2E%2E%2F",
]
# Names the site's pages read, and some they do not.
PARAMETER_NAMES = [
    "page", "q", "sort", "section", "when", "month", "type", "theme", "mode", "municipality",
    "county", "kind", "status", "tag", "year", "year_from", "year_to", "p", "from", "locale",
    "format", "next", "utm_source",
]  # fmt: skip
FORM_NAMES = [
    "email", "consent", "website", "started", "csrfmiddlewaretoken", "username", "password",
    "return_url", "next", "q",
]  # fmt: skip


def encode(text):
    """Percent-encode `text` as UTF-8, lone surrogates passed through as their three bytes."""
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


# Any text, lone surrogates included (Hypothesis's own characters never are one).
any_text = st.text(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
dates = st.dates(min_value=date(1, 1, 1)).flatmap(
    lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.strftime("%d.%m.%Y")])
)
values = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(MALFORMED_DATES),
    any_text,
    numbers,
    dates,
)


def encoded_values(known=()):
    """A value as it appears in a URL: encoded text, a raw bad escape, or a value the page knows."""
    plain = values.map(encode)
    if known:
        plain = st.one_of(st.sampled_from([encode(value) for value in known]), plain)
    raw = st.tuples(plain, st.sampled_from(RAW_ESCAPES), plain).map("".join)
    return st.one_of(plain, raw)


def segments(known=()):
    """A path segment: encoded (a '/' becomes %2F) or a literal '../' walk."""
    return st.one_of(encoded_values(known), st.sampled_from(["..", ".", "../..", "%2e%2e"]))


names = st.one_of(st.sampled_from(PARAMETER_NAMES), values.map(encode))


def query_strings(known_values=()):
    """`?name=value&...` with repeated names, names without values and stray separators."""
    pair = st.one_of(
        st.tuples(names, encoded_values(known_values)).map("=".join),
        names,
        st.sampled_from(["&", "=", "==", ";", "&&"]),
    )
    return st.lists(pair, max_size=8).map(lambda pairs: "?" + "&".join(pairs) if pairs else "")


def form_bodies():
    """A form post's body and content type; not always the type it claims."""
    urlencoded = st.lists(
        st.tuples(st.one_of(st.sampled_from(FORM_NAMES), names), encoded_values()).map("=".join),
        max_size=8,
    ).map(lambda pairs: ("&".join(pairs).encode("ascii"), "application/x-www-form-urlencoded"))
    other = st.tuples(
        st.one_of(st.binary(max_size=200), st.sampled_from([b"", b"--x\r\n", b"{", b"\x00" * 64])),
        st.sampled_from(
            [
                "multipart/form-data; boundary=x",
                "multipart/form-data",
                "application/json",
                "text/plain",
                "application/x-www-form-urlencoded; charset=klingon",
            ]
        ),
    )
    return st.one_of(urlencoded, other)


# Header values arrive as Latin-1 text in the WSGI environ; CR, LF and NUL never get that far.
header_text = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60),
    any_text.map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
).map(lambda text: "".join(char for char in text if char not in "\r\n\x00"))
HOSTS = [
    "testserver",
    "TESTSERVER",
    "testserver:80",
    "testserver.",
    "localhost:8000",
    "127.0.0.1",
    "evil.example.org",
    "testserver:99999",
    "testserver:abc",
    "[::1]",
    "[::1",
    "",
    "a" * 300,
    "testserver@evil.example.org",
]
HEADER_SAMPLES = {
    "HTTP_HOST": HOSTS,
    "HTTP_ACCEPT_LANGUAGE": ["*", "en;q=abc", "sv-SE,sv;q=0.9,en;q=0.8", "xx-YY", "en;q=2", ","],
    "HTTP_IF_NONE_MATCH": ["*", 'W/"', '"', 'W/"x", "y"', ","],
    "HTTP_IF_MODIFIED_SINCE": ["yesterday", "Mon, 32 Dec 9999 99:99:99 GMT", "-1"],
    "HTTP_RANGE": ["bytes=-1-", "bytes=9999999999-", "bytes=0-0,0-0,0-0", "lines=1-2"],
    "HTTP_COOKIE": ["sessionid=junk", "csrftoken=; csrftoken=x", "django_language=xx", "=;=;"],
    "HTTP_ACCEPT_ENCODING": ["gzip;q=junk", "*", "br, gzip, deflate"],
    "HTTP_ACCEPT": ["*/*", "application/json", "text/html;q=x"],
    "HTTP_X_FORWARDED_FOR": ["", ",", "::1, 999.999.999.999"],
    "HTTP_USER_AGENT": ["x" * 5000],
}


def headers():
    """A few request headers, each a known troublemaker or arbitrary Latin-1 text."""
    return st.dictionaries(
        st.sampled_from(sorted(HEADER_SAMPLES)),
        st.none(),
        max_size=4,
    ).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {name: st.one_of(st.sampled_from(HEADER_SAMPLES[name]), header_text) for name in chosen}
        )
    )
