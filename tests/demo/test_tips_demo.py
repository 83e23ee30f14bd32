"""The demo's tips (demo.tips): a tip form on every outlet, tips waiting in the queues, one passed to a commune
whose officer reads it, each looked up by its fixed receipt code; loading again adds none."""

import pytest

from django.urls import reverse

from core.dates import local_today
from demo.data import read_json
from demo.tips import DATA_FILE, load_tips
from newsroom.models import OutletHomePage
from tests.demo.test_load_demo import DEMO
from tips.models import Tip, TipPage

DATA = read_json(DATA_FILE)["tips"]


@pytest.fixture
def demo(db):
    DEMO.put()


def test_every_outlet_has_a_tip_form_and_the_data_files_tips(demo):
    assert sorted(page.outlet for page in TipPage.objects.all()) == ["broadcast", "newspaper", "portal"]
    assert sorted(Tip.objects.values_list("receipt_code", flat=True)) == sorted(
        t["receipt_code"] for t in DATA
    )
    passed = Tip.objects.get(status=Tip.Status.PASSED)
    assert passed.unit.name == "UBND xã Ea Knuếc"


def test_loading_again_adds_no_tip(demo):
    load_tips({home.outlet: home for home in OutletHomePage.objects.all()}, local_today())
    assert Tip.objects.count() == len(DATA)


def test_the_communes_officer_reads_the_tip_passed_to_it(client, demo):
    client.force_login(Tip.objects.get(status=Tip.Status.PASSED).unit.officers.get().user)
    listing = client.get(reverse("tip_suggestions:index"))
    assert listing.status_code == 200
    assert "Phạm Minh Khang" in listing.content.decode()


def test_a_demo_tip_is_looked_up_by_its_code(client, demo):
    tip = Tip.objects.get(receipt_code=DATA[0]["receipt_code"])
    response = client.post(tip.page.url + "tra-cuu/", {"receipt_code": tip.receipt_code.lower()})
    assert "Đã tiếp nhận, Ban biên tập đang xem xét." in response.content.decode()
