"""Signing in to the admin through its login form, as a person does."""

from django.urls import reverse

# The password tests/conftest.py's make_user gives every user.
PASSWORD = "mat-khau-thu"


def sign_in(tab, live_server, user):
    tab.goto(f"{live_server.url}{reverse('wagtailadmin_login')}")
    tab.locator("#id_username").fill(user.username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(f"{live_server.url}{reverse('wagtailadmin_home')}")
