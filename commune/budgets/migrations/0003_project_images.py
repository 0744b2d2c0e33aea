"""A project's single image becomes the first image of its gallery (`ProjectImage`)."""

import django.db.models.deletion
from django.db import migrations, models


def move_images_to_gallery(apps, schema_editor):
    """Each project's image becomes its gallery's first image; the stored file stays where it is.

    An image saved through the admin could lack a description: the project's title stands in,
    since a gallery image must have one.
    """
    Project = apps.get_model("budgets", "Project")
    ProjectImage = apps.get_model("budgets", "ProjectImage")
    rows = [
        ProjectImage(
            project_id=project.pk,
            image=project.image.name,
            alt_text=(project.image_alt.strip() or project.title)[:250],
            position=0,
        )
        for project in Project.objects.exclude(image="").only("pk", "title", "image", "image_alt")
    ]
    ProjectImage.objects.bulk_create(rows, batch_size=500)


def move_first_image_back(apps, schema_editor):
    """Undo: a project keeps its gallery's first image (the others are dropped with the table)."""
    Project = apps.get_model("budgets", "Project")
    ProjectImage = apps.get_model("budgets", "ProjectImage")
    for picture in ProjectImage.objects.order_by("project_id", "-position", "-id"):
        # Ordered last first, so the first image is the last written for each project.
        Project.objects.filter(pk=picture.project_id).update(
            image=picture.image.name, image_alt=picture.alt_text
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0002_roll_assisted_channel"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "image",
                    models.ImageField(upload_to="budgets/images/%Y/%m/", verbose_name="image"),
                ),
                ("alt_text", models.CharField(max_length=250, verbose_name="image description")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="images",
                        to="budgets.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "project image",
                "verbose_name_plural": "project images",
                "ordering": ["project", "position", "id"],
            },
        ),
        migrations.RunPython(move_images_to_gallery, move_first_image_back),
    ]
