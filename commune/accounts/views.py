"""Residents' pages: sign-up, confirmation, log-in, profile, demographics, export, deletion."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from commune.accounts import services
from commune.accounts.assisted_summary import assisted_actions
from commune.accounts.forms import (
    DeleteAccountForm,
    DemographicsForm,
    EmailAuthenticationForm,
    NeighbourhoodChoiceForm,
    ProfileForm,
    ResendConfirmationForm,
    SignupForm,
)
from commune.accounts.models import Demographics, Resident
from commune.spaces.models import Space, SpaceKind
from commune.territory.models import Neighbourhood

# Limits per IP address. Generous enough for a workshop where a room of residents signs
# up on one public Wi-Fi, tight enough to stop password guessing and mail bombing.
LOGIN_RATE = "10/m"
SIGNUP_RATE = "10/m"
MAIL_RATE = "5/m"  # password reset and confirmation resend: each POST may send a mail
WRITE_RATE = "30/m"  # profile, demographics, password change, deletion

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _limit(rate: str) -> Any:
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def _add_errors(form: Form, error: ValidationError, renames: dict[str, str]) -> None:
    """Put a service's ValidationError next to the matching form fields."""
    for field, field_messages in error.message_dict.items():
        form.add_error(renames.get(field, field), field_messages)


def _data(request: HttpRequest) -> Any:
    """The posted data, or None on GET (an empty POST, e.g. no radio ticked, is still bound)."""
    return request.POST if request.method == "POST" else None


def _council_url(neighbourhood: Neighbourhood) -> str:
    """Where a new resident of `neighbourhood` lands: its council, or else its page."""
    council = (
        Space.objects.published()
        .filter(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood=neighbourhood)
        .first()
    )
    return council.get_absolute_url() if council else neighbourhood.get_absolute_url()


def _resident(request: HttpRequest) -> Resident:
    # Only called behind login_required, where request.user is a Resident.
    return cast(Resident, request.user)


# --- Sign-up and confirmation ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@_limit(SIGNUP_RATE)
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account; nothing is created until every field is right."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.register_resident(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
                link_builder=request.build_absolute_uri,
            )
        except ValidationError as error:
            _add_errors(form, error, renames={"password": "password1"})
        else:
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/signup_sent.html", {"days": services.CONFIRMATION_MAX_AGE.days}
    )


@require_safe
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Follow the link from the confirmation mail: confirm, log in, then choose a neighbourhood."""
    try:
        resident = services.confirm_email(token=token)
    except services.InvalidConfirmationLinkError:
        return render(
            request,
            "accounts/confirm_invalid.html",
            {"form": ResendConfirmationForm(), "days": services.CONFIRMATION_MAX_AGE.days},
            status=400,
        )
    login(request, resident, backend=MODEL_BACKEND)
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    if resident.neighbourhood_id is None:
        return redirect("accounts:choose_neighbourhood")
    return redirect("accounts:profile")


@require_http_methods(["GET", "POST"])
@_limit(MAIL_RATE)
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Send a new confirmation link; the answer is the same whether or not the account exists."""
    form = ResendConfirmationForm(_data(request))
    if request.method == "POST" and form.is_valid():
        services.resend_confirmation(
            email=form.cleaned_data["email"], link_builder=request.build_absolute_uri
        )
        return render(
            request, "accounts/resend_sent.html", {"days": services.CONFIRMATION_MAX_AGE.days}
        )
    return render(request, "accounts/resend_confirmation.html", {"form": form})


# --- Log-in, log-out, passwords ----------------------------------------------------------

login_view = _limit(LOGIN_RATE)(
    auth_views.LoginView.as_view(
        form_class=EmailAuthenticationForm,
        template_name="registration/login.html",
        # Like sign-up, the log-in page sends someone already logged in to their profile.
        redirect_authenticated_user=True,
    )
)
logout_view = auth_views.LogoutView.as_view()

# Django's reset views never say whether an address has an account: the same page follows
# every request, and a mail goes out only to an active account with a usable password.
password_reset = _limit(MAIL_RATE)(
    auth_views.PasswordResetView.as_view(
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm = _limit(WRITE_RATE)(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@method_decorator(_limit(WRITE_RATE), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (login required, keeps the session), back to the profile."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponseBase:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


password_change = PasswordChangeView.as_view()


# --- Profile -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def choose_neighbourhood(request: HttpRequest) -> HttpResponse:
    """Pick the neighbourhood one lives in, then land on its council."""
    resident = _resident(request)
    form = NeighbourhoodChoiceForm(
        _data(request), initial={"neighbourhood": resident.neighbourhood}
    )
    if request.method == "POST" and form.is_valid():
        neighbourhood = form.cleaned_data["neighbourhood"]
        services.choose_neighbourhood(resident=resident, neighbourhood=neighbourhood)
        messages.success(
            request,
            _("Welcome to %(neighbourhood)s! Here is its council.")
            % {"neighbourhood": neighbourhood.name},
        )
        return redirect(_council_url(neighbourhood))
    return render(request, "accounts/choose_neighbourhood.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def profile(request: HttpRequest) -> HttpResponse:
    """Show the account and edit the public name and neighbourhood."""
    resident = _resident(request)
    form = ProfileForm(
        _data(request),
        initial={"display_name": resident.display_name, "neighbourhood": resident.neighbourhood},
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(resident=resident, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "resident": resident,
            "has_demographics": Demographics.objects.filter(resident=resident).exists(),
            "assisted_actions": assisted_actions(resident),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def demographics(request: HttpRequest) -> HttpResponse:
    """Optional answers, with consent; a separate button erases them."""
    resident = _resident(request)
    current = Demographics.objects.filter(resident=resident).first()
    if request.method == "POST" and "erase" in request.POST:
        services.erase_demographics(resident=resident)
        messages.success(request, _("Your answers are erased."))
        return redirect("accounts:profile")
    initial = (
        {"gender": current.gender, "age_band": current.age_band, "occupation": current.occupation}
        if current
        else {"gender": "", "age_band": "", "occupation": ""}
    )
    form = DemographicsForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in ("gender", "age_band", "occupation")}
        services.save_demographics(resident=resident, **answers)
        messages.success(request, _("Thank you: your answers are saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/demographics.html", {"form": form, "current": current})


@login_required
@require_safe
@never_cache
def export(request: HttpRequest) -> JsonResponse:
    """Download everything about oneself as a JSON file."""
    data = services.export_personal_data(resident=_resident(request))
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"commune-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def delete(request: HttpRequest) -> HttpResponse:
    """Confirm with the password, then erase the personal data and log out."""
    resident = _resident(request)
    form = DeleteAccountForm(_data(request), resident=resident)
    if request.method == "POST" and form.is_valid():
        services.delete_account(resident=resident, actor=resident)
        logout(request)
        messages.success(
            request,
            _("Your account is deleted. What you wrote in public stays, signed “Deleted account”."),
        )
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
