"""The form of /verifieer/: a pasted fingerprint or an uploaded PDF, checked for shape only.

What the fingerprint or the file belongs to is looked up by the view; this form only makes
sure there is exactly one thing to look up, of the right shape and within the size limit."""

from __future__ import annotations

import hashlib
import re

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from programma.documenten.vingerafdruk import normaliseer

#: Regioportaal's own documents are well under 1 MB; a file this size is never one of them
MAX_GROOTTE = 20 * 1024 * 1024
#: a PDF starts with "%PDF-"; readers accept up to 1024 bytes of something else before it
PDF_KOP = b"%PDF-"


class BegrensdeUpload(FileUploadHandler):
    """Stops reading an upload once it passes MAX_GROOTTE, so that a huge file never fills
    memory or the disk; the rest of the request body is read and thrown away, and the view
    finds `request.upload_te_groot` set."""

    def __init__(self, request=None):
        super().__init__(request)
        self.gelezen = 0

    def receive_data_chunk(self, raw_data, start):
        self.gelezen += len(raw_data)
        if self.gelezen > MAX_GROOTTE:
            self.request.upload_te_groot = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class VerifieerForm(forms.Form):
    vingerafdruk = forms.CharField(
        label=_("Vingerafdruk"),
        required=False,
        help_text=_(
            "64 tekens: cijfers en de letters a tot en met f. Spaties, hoofdletters en "
            "‘sha256:’ ervoor mogen."
        ),
        # two rows of monospace: the whole print stays in view, to compare it by eye
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "off",
                "class": "vingerafdruk",
                "style": "font-family: ui-monospace, monospace; resize: vertical",
            }
        ),
    )
    bestand = forms.FileField(
        label=_("PDF-bestand"),
        required=False,
        error_messages={
            "empty": _("Dit bestand is leeg. Kies het PDF-bestand van het document."),
            "invalid": _("Dit bestand kon niet worden ontvangen. Probeer het opnieuw."),
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, upload: bool = False, te_groot: bool = False, **kwargs):
        #: whether the request came from the upload form (where a missing file is the error)
        self.upload = upload
        self.te_groot = te_groot
        super().__init__(*args, **kwargs)
        # here, not on the field: the limit is read when the form is made (tests lower it)
        self.fields["bestand"].help_text = _(
            "Een raadsvoorstel, programmadocument of besluitenoverzicht van hoogstens %(max)s. "
            "Het bestand wordt alleen gelezen om het te vergelijken en niet bewaard."
        ) % {"max": filesizeformat(MAX_GROOTTE)}

    def clean_vingerafdruk(self) -> str | None:
        tekst = self.cleaned_data["vingerafdruk"].strip()
        if not tekst:
            return None
        afdruk = normaliseer(tekst)
        if afdruk is None:
            schoon = re.sub(r"[\s:-]", "", tekst.lower()).removeprefix("sha256")
            if re.fullmatch(r"[0-9a-f]*", schoon):
                raise forms.ValidationError(
                    _(
                        "Een vingerafdruk heeft precies 64 tekens; hier staan er %(aantal)s. "
                        "Kopieer hem in zijn geheel."
                    ),
                    params={"aantal": len(schoon)},
                )
            raise forms.ValidationError(
                _(
                    "Een vingerafdruk bestaat alleen uit de cijfers 0 tot en met 9 en de letters "
                    "a tot en met f; hier staan andere tekens in."
                )
            )
        return afdruk

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if self.te_groot or (bestand is not None and bestand.size > MAX_GROOTTE):
            raise forms.ValidationError(
                _(
                    "Dit bestand is groter dan %(max)s. Documenten van Regioportaal zijn veel "
                    "kleiner: kies het PDF-bestand van het document zelf."
                ),
                params={"max": filesizeformat(MAX_GROOTTE)},
            )
        if bestand is None:
            return None
        bestand.seek(0)
        inhoud = bestand.read(MAX_GROOTTE + 1)
        if PDF_KOP not in inhoud[:1024]:
            raise forms.ValidationError(
                _(
                    "Het bestand %(naam)s is geen PDF-bestand. Kies het PDF-bestand van een "
                    "raadsvoorstel, programmadocument of besluitenoverzicht."
                ),
                params={"naam": bestand.name},
            )
        self.cleaned_data["inhoud"] = inhoud
        self.cleaned_data["sha256_bestand"] = hashlib.sha256(inhoud).hexdigest()
        return bestand

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        heeft_afdruk = data.get("vingerafdruk") is not None
        heeft_bestand = data.get("bestand") is not None
        if heeft_afdruk and heeft_bestand:
            raise forms.ValidationError(
                _("Plak een vingerafdruk óf kies een bestand, niet allebei tegelijk.")
            )
        if not heeft_afdruk and not heeft_bestand:
            if self.upload:
                self.add_error("bestand", _("Kies een PDF-bestand om te controleren."))
            else:
                self.add_error("vingerafdruk", _("Plak een vingerafdruk om te controleren."))
        return data
