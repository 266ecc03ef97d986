"""The API's place among the middleware: any site's scripts may read /api/, and an answer
under /api/ is never sent to a language's address."""

from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware

ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class ApiCorsMiddleware:
    """`Access-Control-Allow-Origin: *` on every answer under /api/, and the answer to a
    browser's preflight. Never with credentials: the API reads no cookie."""

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        preflight = request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in (
            request.META
        )
        response = HttpResponse(status=204) if preflight else self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        if preflight:
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
        return response


class ApiAwareLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except under /api/: Django answers a 404 outside a language
    prefix with a redirect to /sv/ and the same path, which Wagtail's page view always takes,
    so the API's "not found" would become a redirect to an HTML page."""

    def process_response(self, request, response):
        if request.path.startswith(ApiCorsMiddleware.prefix):
            return response
        return super().process_response(request, response)
