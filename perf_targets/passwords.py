"""Password rules with the Chinese messages Django's own catalogue lost.

Django 5.2.19 re-worded the minimum-length message (`%d` in place of `%(min_length)d`), and its zh_Hans catalogue
has no translation of the new wording yet, so a clerk would read English. The old msgid is still translated.
"""
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class TranslatedMinimumLengthValidator(MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
