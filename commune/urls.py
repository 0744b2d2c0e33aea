"""Root URLs: public pages under a language prefix (French unprefixed), admin, language switch."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from commune.core import views as core_views

admin.site.site_header = "Commune — back-office"
admin.site.site_title = "Commune"

urlpatterns = [
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("healthz", core_views.health, name="health"),
    path("api/v1/", include("commune.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("compte/", include("commune.accounts.urls")),
    path("quartiers/", include("commune.territory.urls")),
    path("espaces/", include("commune.spaces.urls")),
    path("contributions/", include("commune.contributions.urls")),
    path("redevabilite/", include("commune.accountability.urls")),
    path("notifications/", include("commune.notifications.urls")),
    path("rencontres/", include("commune.meetings.urls")),
    path("budgets-participatifs/", include("commune.budgets.urls")),
    path("wiki/", include("commune.wiki.urls")),
    path("textes/", include("commune.texts.urls")),
    path("participation/", include("commune.insights.urls")),
    path("tirages-au-sort/", include("commune.sortition.urls")),
    path("documents/", include("commune.documents.urls")),
    path("recherche/", include("commune.documents.search_urls")),
    path("donnees-ouvertes/", include("commune.opendata.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
if settings.DEBUG or settings.DEMO:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
