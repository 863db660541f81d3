from django import forms
from django.utils.translation import gettext_lazy as _


class RaadslidForm(forms.Form):
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=150,  # it becomes the username
        help_text=_("Het raadslid krijgt hierop een link om een wachtwoord te kiezen."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
    )
    fractie = forms.CharField(
        label=_("Fractie"),
        max_length=100,
        help_text=_("Kies een bestaande fractie of typ de naam van een nieuwe."),
        widget=forms.TextInput(attrs={"list": "fracties", "autocomplete": "off"}),
    )
