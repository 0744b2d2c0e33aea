"""The single image fields of a project are gone: its images are in `ProjectImage` (0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0003_project_images"),
    ]

    operations = [
        migrations.RemoveField(model_name="project", name="image"),
        migrations.RemoveField(model_name="project", name="image_alt"),
    ]
