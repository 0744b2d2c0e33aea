"""URLs of residents' accounts, mounted at /compte/ (French paths, English under /en/)."""

from django.urls import path

from commune.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoye/", views.signup_sent, name="signup_sent"),
    path("confirmer/renvoyer/", views.resend_confirmation, name="resend_confirmation"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("quartier/", views.choose_neighbourhood, name="choose_neighbourhood"),
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("mot-de-passe/", views.password_reset, name="password_reset"),
    path("mot-de-passe/envoye/", views.password_reset_done, name="password_reset_done"),
    path("mot-de-passe/termine/", views.password_reset_complete, name="password_reset_complete"),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("profil/", views.profile, name="profile"),
    path("profil/mot-de-passe/", views.password_change, name="password_change"),
    path("profil/donnees-demographiques/", views.demographics, name="demographics"),
    path("mes-donnees/", views.export, name="export"),
    path("supprimer/", views.delete, name="delete"),
]
