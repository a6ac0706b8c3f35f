from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.reading import SUPPORTED


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        # The browser offers the files the reader reads (zonework.reading.SUPPORTED) and a .zip of them
        # (hundreds of files in one upload, past Django's limit on the number of files in a POST).
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ",".join((*SUPPORTED, ".zip")), "class": "form-control form-control-sm w-auto"}))
        kwargs.setdefault("allow_empty_file", True)  # the upload action says so in Chinese
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SourceDocumentUploadForm(forms.Form):
    files = MultipleFileField(label=_("工作总结、工作要点等文件（可多选）"))
