"""URLs of residents' accounts, mounted at /compte/ (French paths, English under /en/)."""

from django.urls import path

from commune.accounts import assist_action_views, assist_views, views

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoye/", views.signup_sent, name="signup_sent"),
    path("confirmer/renvoyer/", views.resend_confirmation, name="resend_confirmation"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("quartier/", views.choose_neighbourhood, name="choose_neighbourhood"),
    path("connexion/", views.login_view, name="login"),
    path("connexion/code/", assist_views.code_login, name="code_login"),
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
    path("profil/adresse/", assist_views.add_email, name="add_email"),
    path("profil/donnees-demographiques/", views.demographics, name="demographics"),
    path("mes-donnees/", views.export, name="export"),
    path("supprimer/", views.delete, name="delete"),
    # Agents acting on a resident's behalf (assisted participation).
    path("aide/", assist_views.assist, name="assist"),
    path("aide/nouveau/", assist_views.assist_open, name="assist_open"),
    path("aide/<int:pk>/", assist_views.assist_resident, name="assist_resident"),
    path("aide/<int:pk>/code/", assist_views.assist_new_code, name="assist_new_code"),
    path(
        "aide/<int:pk>/contribution/<slug:space_slug>/",
        assist_action_views.assist_contribution,
        name="assist_contribution",
    ),
    path("aide/<int:pk>/soutien/", assist_action_views.assist_support, name="assist_support"),
    path(
        "aide/<int:pk>/rencontre/<int:meeting_pk>/",
        assist_action_views.assist_meeting,
        name="assist_meeting",
    ),
    path(
        "aide/<int:pk>/budget/<int:budget_pk>/",
        assist_action_views.assist_ballot,
        name="assist_ballot",
    ),
]
