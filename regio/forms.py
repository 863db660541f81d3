"""Form fields and forms shared by every app.

Python reads digits of every script as numbers (int("١٢٣") == 123, Decimal("１２") == 12), and
so do Django's IntegerField and DecimalField. A Dutch portal that stores "١٢٣" as 123 shows a
number nobody typed; so every number is typed with the digits 0-9, or refused with a message."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

ANDERE_CIJFERS = _("Schrijf getallen met de cijfers 0 tot en met 9.")


def weiger_andere_cijfers(waarde) -> None:
    """Refuse a number typed with digits other than 0-9 (Arabic-Indic, fullwidth, ...)."""
    if isinstance(waarde, str) and any(c.isdigit() and not c.isascii() for c in waarde):
        raise ValidationError(ANDERE_CIJFERS, code="andere_cijfers")


class GeheelGetalField(forms.IntegerField):
    """Django's IntegerField, but only with the digits 0-9."""

    def to_python(self, value):
        weiger_andere_cijfers(value)
        return super().to_python(value)


class DecimaalGetalField(forms.DecimalField):
    """Django's DecimalField, but only with the digits 0-9."""

    def to_python(self, value):
        weiger_andere_cijfers(value)
        return super().to_python(value)


GROOTSTE_ID = 2**63 - 1  # a database id is a signed 64-bit integer


def _is_id(waarde) -> bool:
    tekst = str(waarde)
    return tekst.isascii() and tekst.isdigit() and int(tekst) <= GROOTSTE_ID


class VeiligeKeuze(forms.ModelChoiceField):
    """Refuses a value that is no database id (a 30-digit number, "١٢") with the field's own
    message: Django passes it to the database, and SQLite fails on a number past 64 bits."""

    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None and not _is_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class VeiligeMeervoudigeKeuze(forms.ModelMultipleChoiceField):
    """The same for a choice of several."""

    def _check_values(self, value):
        for v in value:
            if self.to_field_name is None and not _is_id(v):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": v},
                )
        return super()._check_values(value)


class _VeiligeAutocomplete:
    """The admin's autocomplete widget looks the chosen value up to show its name; a value
    that is no id made that lookup fail (a 500 while showing the form's message)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _is_id(v)], attr)


class VeiligeAutocompleteSelect(_VeiligeAutocomplete, AutocompleteSelect):
    pass


class VeiligeAutocompleteSelectMultiple(_VeiligeAutocomplete, AutocompleteSelectMultiple):
    pass


_VEILIGE_WIDGETS = {
    AutocompleteSelect: VeiligeAutocompleteSelect,
    AutocompleteSelectMultiple: VeiligeAutocompleteSelectMultiple,
}

_VEILIG = {
    forms.IntegerField: GeheelGetalField,
    forms.DecimalField: DecimaalGetalField,
    forms.ModelChoiceField: VeiligeKeuze,
    forms.ModelMultipleChoiceField: VeiligeMeervoudigeKeuze,
}


def bewaak(veld: forms.Field | None) -> forms.Field | None:
    """Make a form field that Django built (e.g. for a model field in the admin) one of the
    safe fields above; they only add a check before Django's own conversion."""
    if veld is None:
        return veld
    if type(veld) in _VEILIG:
        veld.__class__ = _VEILIG[type(veld)]
    widget = getattr(veld.widget, "widget", veld.widget)  # inside the admin's wrapper
    if type(widget) in _VEILIGE_WIDGETS:
        widget.__class__ = _VEILIGE_WIDGETS[type(widget)]
    return veld


class VeiligeInvoerAdmin:
    """Mixin for a ModelAdmin or inline: every number and choice field it builds is safe."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return bewaak(super().formfield_for_dbfield(db_field, request, **kwargs))


class InlogForm(AuthenticationForm):
    """Django's login form, with a message for every refusal and a username that fits.

    Django sets the username's max_length after the field is built, so no validator checks it;
    a longer name then reaches django-axes, which stores it in a varchar(255) (a 500 on
    PostgreSQL). The template shows the message of each field (an empty one, a NUL)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        gebruikersnaam = self.fields["username"]
        gebruikersnaam.validators.append(MaxLengthValidator(gebruikersnaam.max_length))
        gebruikersnaam.error_messages["required"] = _("Vul uw gebruikersnaam in.")
        self.fields["password"].error_messages["required"] = _("Vul uw wachtwoord in.")
