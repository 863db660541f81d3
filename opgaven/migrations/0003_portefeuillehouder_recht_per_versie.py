"""The portefeuillehouder's right follows the year: programma.permissions reads it from the
appointment in each programme version. The guardian rows that mirrored it on the lasting opgave,
and the permission they granted, go (the appointments themselves keep their history)."""

from django.db import migrations


def verwijder_permissie(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="opgaven", codename="portefeuillehouder_van"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("opgaven", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalOpgaveGroupObjectPermission"),
        migrations.DeleteModel(name="HistoricalOpgaveUserObjectPermission"),
        migrations.DeleteModel(name="OpgaveGroupObjectPermission"),
        migrations.DeleteModel(name="OpgaveUserObjectPermission"),
        migrations.AlterModelOptions(
            name="opgave",
            options={
                "ordering": ["titel"],
                "verbose_name": "opgave",
                "verbose_name_plural": "opgaven",
            },
        ),
        migrations.RunPython(verwijder_permissie, migrations.RunPython.noop),
    ]
