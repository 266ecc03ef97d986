"""The API's address book: /api/v2/pages/, /api/v2/images/, /api/v2/documents/."""

from wagtail.api.v2.router import WagtailAPIRouter

from hub.api.endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint

api_router = WagtailAPIRouter("api")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
