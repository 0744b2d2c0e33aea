from django.conf import settings
from django.core.management import call_command
from django.db import migrations, models
import django.db.models.deletion


def create_cache_table(apps, schema_editor):
    # The default cache (rate limits) lives in the database, shared by every app process.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("action", models.CharField(max_length=80, verbose_name="what")),
                ("target_type", models.CharField(blank=True, max_length=80, verbose_name="object type")),
                ("target_id", models.CharField(blank=True, max_length=40, verbose_name="object id")),
                ("target_label", models.CharField(blank=True, max_length=250, verbose_name="object")),
                ("reason", models.TextField(blank=True, verbose_name="why")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="when")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit event",
                "verbose_name_plural": "audit log",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
