"""What every form page shares: a service's refusal shown on the form that asked for it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields (or on top of the form).

    Services validate inside their transaction; their errors name model fields, which are
    the form's fields when they match and the form's own errors otherwise.
    """
    if hasattr(error, "error_dict"):
        for name, field_errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
