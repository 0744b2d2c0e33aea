"""What every form page shares: a service's refusal shown on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm

T = TypeVar("T")


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


def call_service(
    form: BaseForm,
    action: Callable[[], T],
    *,
    refusals: tuple[type[Exception], ...] = (PermissionDenied,),
) -> tuple[bool, T | None]:
    """Run `action` (a service call): (True, its result), or (False, None) with its
    ValidationError next to the form's fields or its refusal (one of `refusals`, worded for
    the user) on top of the form, which the view then shows again."""
    try:
        return True, action()
    except ValidationError as error:
        add_service_errors(form, error)
    except refusals as error:
        form.add_error(None, str(error))
    return False, None
