"""The mail server as tests need it: down, as SMTP reports it, then back up."""

import smtplib
import time

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend

WORKING = "django.core.mail.backends.locmem.EmailBackend"
DOWN = "tests.core.mail_servers.DownMailServer"


class DownMailServer(BaseEmailBackend):
    """Refuses every message, as Django's SMTP backend does when the server closes the connection."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class MailServer:
    """Switches the mail backend of a test (through pytest-django's `settings`) between down and working."""

    def __init__(self, settings):
        self.settings = settings

    def go_down(self):
        self.settings.EMAIL_BACKEND = DOWN

    def come_back(self):
        self.settings.EMAIL_BACKEND = WORKING


class SlowMailServer(locmem.EmailBackend):
    """Takes a moment per message, as a real server does: two workers racing overlap while one sends."""

    def send_messages(self, messages):
        time.sleep(0.01)
        return super().send_messages(messages)
