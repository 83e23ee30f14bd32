"""The client's IP address, as the operator's own reverse proxies saw it: what rate limits and login locks count.

Each proxy appends to X-Forwarded-For the address it received the request from, after whatever the client
wrote there itself. With TRUSTED_PROXY_COUNT proxies in front, only the last that many entries were written by
them; the entries to their left are the client's own words and are never read.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's address as counted, or None when even the connection has no usable one.

    With no proxy (TRUSTED_PROXY_COUNT = 0), the connection's address (REMOTE_ADDR), headers ignored. With N
    proxies, the N-th entry from the right of X-Forwarded-For: the address the outermost proxy received the
    request from. A header with fewer entries than N means the request did not come through the whole chain,
    so none of its entries can be told from the client's own: the connection's address is taken then, as it is
    when the entry is not an IP address.

    An IPv6 client is counted by its /64 network: a subscriber's line holds a whole /64 and may take any address
    in it, as an office's machines share one IPv4 address.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(hops) >= proxies:
            address = _counted(hops[-proxies])
            if address:
                return address
    return _counted(request.META.get("REMOTE_ADDR", ""))


def _counted(text):
    """One spelling per client: 2001:DB8::1 and 2001:db8:0:0::2 are both 2001:db8::, ::ffff:192.0.2.1 is 192.0.2.1."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    # Keeping the first 64 bits also drops the zone of a link-local address (fe80::1%eth0).
    return str(ipaddress.IPv6Address(int(address) >> 64 << 64))
