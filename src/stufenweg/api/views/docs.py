"""The OpenAPI schema and the Swagger UI page, with every asset served from this server."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.settings import patched_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# No online validator badge (it would load an image from another host).
SWAGGER_UI_SETTINGS = {"validatorUrl": None, "deepLinking": True, "persistAuthorization": False}


# One name per shared code list (yes/no/na appears in five person fields); operations grouped
# by resource (tags "events", "persons", …).
SCHEMA_SETTINGS = {
    "ENUM_NAME_OVERRIDES": settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],  # one list: the settings
    "SCHEMA_PATH_PREFIX": r"/api/v1",
}


class SchemaView(SpectacularAPIView):
    """OpenAPI 3 schema (YAML; JSON with ``?format=json`` or ``Accept: application/vnd.oai.openapi+json``)."""

    custom_settings = SCHEMA_SETTINGS


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar; the init script is a separate request (strict CSP)."""

    template_name = "api/swagger_ui.html"
    title = "Stufenweg API"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with patched_settings({"SWAGGER_UI_SETTINGS": SWAGGER_UI_SETTINGS}):
            return super().get(request, *args, **kwargs)
