from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm"}))
        kwargs.setdefault("allow_empty_file", True)  # the upload action says so in Chinese
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SourceDocumentUploadForm(forms.Form):
    files = MultipleFileField(label=_("工作总结、工作要点等文件（txt、docx、pdf、html，可多选）"))
