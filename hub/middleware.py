import base64
import hashlib
import secrets

from django.conf import settings
from django.utils.functional import SimpleLazyObject


class ContentSecurityPolicyMiddleware:
    """Send the strict Content-Security-Policy on every public response.

    An inline script whose text the view knows (JSON-LD, for instance) is allowed by its hash
    (`allow_inline_script`), which holds for every visitor, so the page can be cached. A
    template may instead ask for `request.csp_nonce`; only then is the nonce generated and
    allowed in `script-src`, and the page is kept out of the page cache, as a nonce must not
    be replayed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES)

    def __call__(self, request):
        nonce_holder = {}

        def make_nonce():
            nonce_holder["value"] = secrets.token_urlsafe(18)
            request.page_cache_skip = True
            return nonce_holder["value"]

        request.csp_nonce = SimpleLazyObject(make_nonce)
        request.csp_script_hashes = []
        response = self.get_response(request)
        if "Content-Security-Policy" in response or request.path.startswith(self.exempt_prefixes):
            return response
        # Wagtail renders a preview through this middleware with a stand-in request for the
        # page's public address; the admin shows it in a frame of its own origin.
        preview = getattr(request, "is_preview", False)
        response["Content-Security-Policy"] = self.build_policy(
            nonce_holder.get("value"), framed_by_self=preview, hashes=request.csp_script_hashes
        )
        return response

    @staticmethod
    def build_policy(nonce=None, framed_by_self=False, hashes=()):
        directives = {key: list(values) for key, values in settings.CONTENT_SECURITY_POLICY.items()}
        directives["script-src"] += [f"'{value}'" for value in dict.fromkeys(hashes)]
        if nonce:
            directives["script-src"].append(f"'nonce-{nonce}'")
        if framed_by_self:
            directives["frame-ancestors"] = ["'self'"]
        return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def allow_inline_script(request, text):
    """Allow an inline script whose text is exactly `text` on this response, by its hash."""
    digest = base64.b64encode(hashlib.sha256(str(text).encode()).digest()).decode()
    hashes = getattr(request, "csp_script_hashes", None)
    if hashes is not None:  # None outside the middleware: an e-mail, a test's bare request
        hashes.append(f"sha256-{digest}")
    return text


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
