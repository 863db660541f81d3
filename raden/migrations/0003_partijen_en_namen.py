"""Existing fracties get a party of their own name; existing raadsleden get the name of their
account; the guardian rows of the old `raadslid_van` permission go (the seat is now the one
source of that right, raden.permissions)."""

from django.db import migrations


def vooruit(apps, schema_editor):
    Partij = apps.get_model("raden", "Partij")
    Fractie = apps.get_model("raden", "Fractie")
    Raadslid = apps.get_model("raden", "Raadslid")
    for fractie in Fractie.objects.filter(partij__isnull=True):
        partij, _ = Partij.objects.get_or_create(naam=fractie.naam, defaults={"lokaal": False})
        fractie.partij = partij
        fractie.save(update_fields=["partij"])
    for lid in Raadslid.objects.filter(voornaam="").select_related("user"):
        if lid.user is None:
            continue
        lid.voornaam = lid.user.first_name or lid.user.username
        lid.achternaam = lid.user.last_name or "-"
        lid.save(update_fields=["voornaam", "achternaam"])
    Permission = apps.get_model("auth", "Permission")
    Rij = apps.get_model("regio", "GemeenteUserObjectPermission")
    oud = Permission.objects.filter(content_type__app_label="regio", codename="raadslid_van")
    Rij.objects.filter(permission__in=oud).delete()
    oud.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("raden", "0002_stemmingen_besluiten_vragen"),
        ("regio", "0003_raadslid_recht_uit_zetel"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(vooruit, migrations.RunPython.noop)]
