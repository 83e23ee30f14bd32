"""The movements' index shows each movement as a card, in its picture when it has one, at a cost in queries that
does not grow with the number of movements."""

import datetime
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext


def index_html_and_queries(client, movement_index):
    _site_id, root_url, path = movement_index.get_url_parts()
    host = urlsplit(root_url).hostname
    client.get(path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path, HTTP_HOST=host).content.decode()
    return html, len(queries)


def test_movement_cards_show_their_pictures_in_queries_that_do_not_grow(
    client, movement_index, make_movement, make_image
):
    picture = make_image("Nông thôn mới", description="Con đường bê tông mới vào buôn")
    make_movement("Toàn dân đoàn kết xây dựng nông thôn mới", lead_image=picture)
    make_movement("Dân vận khéo", start=datetime.date(2020, 1, 1), end=datetime.date(2024, 12, 31))
    html, with_2 = index_html_and_queries(client, movement_index)

    assert html.count('class="card card--movement"') == 1
    assert html.count('class="card card--movement card--text"') == 1
    assert 'alt="Con đường bê tông mới vào buôn"' in html and "srcset=" in html

    for number in range(6):
        make_movement(f"Phong trào số {number}", lead_image=picture)
    assert index_html_and_queries(client, movement_index)[1] == with_2
