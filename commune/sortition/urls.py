"""URLs of panels drawn by lot."""

from django.urls import path

from commune.sortition import views

app_name = "sortition"
urlpatterns = [
    path("espace/<slug:space_slug>/", views.space_panels, name="space"),
    path("espace/<slug:space_slug>/nouveau/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gerer/", views.manage, name="manage"),
    path("<int:pk>/publier/", views.publish, name="publish"),
    path("<int:pk>/tirer/", views.draw, name="draw"),
    path("<int:pk>/quotas/", views.quotas, name="quotas"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/pool.csv", views.pool_csv, name="pool_csv"),
    path("<int:pk>/quotas.csv", views.quotas_csv, name="quotas_csv"),
]
