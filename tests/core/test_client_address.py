"""The client's address from the attacker's side: what a client writes in X-Forwarded-For is never counted."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.test import RequestFactory, override_settings

from core.client_address import client_address
from tests.newsroom.test_settings import load_production_settings

CONNECTION = "192.0.2.10"


def request_from(forwarded_for=None, remote_addr=CONNECTION):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_without_proxies_the_connection_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.1")) == CONNECTION
    assert client_address(request_from()) == CONNECTION


def test_behind_one_proxy_only_the_entry_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"
    assert client_address(request_from("198.51.100.1, 198.51.100.2, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_address_the_outer_one_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("198.51.100.1, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_a_header_shorter_than_the_chain_is_not_believed(settings):
    # Two proxies add two entries: a single one was written by a client that reached an inner hop directly.
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("198.51.100.1")) == CONNECTION
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from()) == CONNECTION


@pytest.mark.parametrize(
    "appended", ["unknown", "", "203.0.113.7:8443", "999.1.1.1", "<script>", "203.0.113.7 203.0.113.8"]
)
def test_an_entry_that_is_not_an_address_falls_back_to_the_connection(settings, appended):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(f"198.51.100.1, {appended}")) == CONNECTION


def test_each_address_has_one_spelling(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(" 192.0.2.1 ")) == "192.0.2.1"
    assert client_address(request_from("::FFFF:192.0.2.1")) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from(remote_addr="::ffff:c000:201")) == "192.0.2.1"


def test_an_ipv6_client_is_counted_by_its_network_of_64_addresses(settings):
    # A home line holds a whole /64: its owner may take any address in it, as often as they like.
    settings.TRUSTED_PROXY_COUNT = 1
    counted = {client_address(request_from(f"2001:DB8:1:2:{n:x}::{n:x}")) for n in range(1, 50)}
    assert counted == {"2001:db8:1:2::"}
    assert client_address(request_from("2001:db8:1:3::1")) == "2001:db8:1:3::"
    assert client_address(request_from("fe80::1%eth0")) == "fe80::"


def test_a_connection_without_an_address_has_none(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.1", remote_addr="")) is None


addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)


@pytest.mark.fuzz
@given(
    written_by_client=st.text(),
    added_by_proxies=st.lists(addresses, min_size=1, max_size=4),
    remote_addr=addresses,
)
def test_whatever_the_client_writes_the_proxies_entries_decide(
    written_by_client, added_by_proxies, remote_addr
):
    # Counted as if the client had connected to the outermost proxy's address directly.
    with override_settings(TRUSTED_PROXY_COUNT=0):
        direct = client_address(request_from(remote_addr=added_by_proxies[0]))
    header = ", ".join([written_by_client, *added_by_proxies])
    with override_settings(TRUSTED_PROXY_COUNT=len(added_by_proxies)):
        assert client_address(request_from(header, remote_addr=remote_addr)) == direct


@pytest.mark.fuzz
@given(header=st.text(), trusted=st.integers(min_value=0, max_value=5), remote_addr=addresses)
def test_any_header_gives_an_address_and_without_proxies_the_connections(header, trusted, remote_addr):
    with override_settings(TRUSTED_PROXY_COUNT=trusted):
        counted = client_address(request_from(header, remote_addr=remote_addr))
    assert str(ipaddress.ip_address(counted)) == counted
    if trusted == 0:
        with override_settings(TRUSTED_PROXY_COUNT=0):
            assert counted == client_address(request_from(remote_addr=remote_addr))


def test_production_refuses_the_old_header_setting_instead_of_ignoring_it():
    result = load_production_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    assert result.returncode != 0
    assert "set TRUSTED_PROXY_COUNT" in result.stderr


def test_production_refuses_a_negative_number_of_proxies():
    result = load_production_settings(TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT is a number of proxies" in result.stderr


def test_production_starts_with_a_number_of_proxies():
    assert load_production_settings(TRUSTED_PROXY_COUNT="2").returncode == 0
