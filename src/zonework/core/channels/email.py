from django.conf import settings
from django.core.mail import send_mail

from .base import Channel


class EmailChannel(Channel):
    """E-mail through Django's configured backend (EMAIL_HOST, EMAIL_PORT ... for SMTP)."""

    name = "email"
    label = "电子邮件"

    def address(self, message):
        return message.recipient.email or ""

    def send(self, message, address):
        subject = f"【{message.get_kind_display()}】{message.title}"
        body = message.body
        if message.link:
            base = self.options.get("site_url") or getattr(settings, "ZONEWORK_SITE_URL", "")
            body += f"\n\n{base}{message.link}"
        send_mail(subject, body, self.options.get("from_email") or settings.DEFAULT_FROM_EMAIL, [address],
                  fail_silently=False)
