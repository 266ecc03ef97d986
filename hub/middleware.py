import secrets

from django.conf import settings
from django.utils.functional import SimpleLazyObject


class ContentSecurityPolicyMiddleware:
    """Send the strict Content-Security-Policy on every public response.

    A template that needs an inline script (JSON-LD, for instance) asks for
    `request.csp_nonce`; only then is the nonce generated and allowed in `script-src`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES)

    def __call__(self, request):
        nonce_holder = {}

        def make_nonce():
            nonce_holder["value"] = secrets.token_urlsafe(18)
            return nonce_holder["value"]

        request.csp_nonce = SimpleLazyObject(make_nonce)
        response = self.get_response(request)
        if "Content-Security-Policy" in response or request.path.startswith(self.exempt_prefixes):
            return response
        # Wagtail renders a preview through this middleware with a stand-in request for the
        # page's public address; the admin shows it in a frame of its own origin.
        preview = getattr(request, "is_preview", False)
        response["Content-Security-Policy"] = self.build_policy(
            nonce_holder.get("value"), framed_by_self=preview
        )
        return response

    @staticmethod
    def build_policy(nonce=None, framed_by_self=False):
        directives = {key: list(values) for key, values in settings.CONTENT_SECURITY_POLICY.items()}
        if nonce:
            directives["script-src"].append(f"'nonce-{nonce}'")
        if framed_by_self:
            directives["frame-ancestors"] = ["'self'"]
        return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
