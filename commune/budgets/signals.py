"""A project image's file leaves the media folder with its row (deleted or replaced)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import ProjectImage


def _delete_after_commit(storage: Any, name: str) -> None:
    # After the commit only: a rolled-back delete must still find its file.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=ProjectImage, dispatch_uid="budgets.image_file_deleted")
def delete_image_file(sender: type, instance: ProjectImage, **kwargs: Any) -> None:
    _delete_after_commit(instance.image.storage, instance.image.name)


@receiver(pre_save, sender=ProjectImage, dispatch_uid="budgets.image_file_replaced")
def delete_replaced_image_file(sender: type, instance: ProjectImage, **kwargs: Any) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    old = ProjectImage.objects.filter(pk=instance.pk).values_list("image", flat=True).first()
    if old and old != instance.image.name:
        _delete_after_commit(instance.image.storage, old)
