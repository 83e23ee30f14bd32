"""The demo's tips from the public (data/tips.json): a few tips waiting in the outlets' queues, dated from the
load, and one the portal's editors passed to a commune as a suggestion for nomination, which the commune's officer
(canbo.ubnd-xa-ea-knuec) reads. Each tip has a fixed receipt code, for trying the status look-up."""

import datetime
import uuid

from exemplars.models import Locality, Unit
from tips.models import Tip, TipPage

from .data import read_json
from .dating import days_before

DATA_FILE = "tips.json"


def load_tips(homes, today):
    """The tips of the data file, each made where missing, on the tip form `manage.py setup` put on its outlet."""
    for spec in read_json(DATA_FILE)["tips"]:
        page = TipPage.objects.descendant_of(homes[spec["outlet"]]).first()
        if page is not None and not Tip.objects.filter(receipt_code=spec["receipt_code"]).exists():
            add_tip(page, spec, today)


def add_tip(page, spec, today):
    passed_to = Unit.objects.filter(name=spec.get("passed_to_unit", "")).first()
    received_at = days_before(today, spec["days_ago"], "09:30")
    Tip.objects.create(
        page=page,
        outlet=spec["outlet"],
        who=spec["who"],
        what=spec["what"],
        place=spec["place"],
        locality=Locality.objects.filter(name=spec["locality"]).first() if spec["locality"] else None,
        happened_on=today - datetime.timedelta(days=spec["happened_on_days_ago"]),
        tipster_name=spec["tipster_name"],
        tipster_phone=spec["tipster_phone"],
        tipster_email=spec["tipster_email"],
        submission_token=uuid.uuid4(),
        receipt_code=spec["receipt_code"],
        received_at=received_at,
        status=Tip.Status.PASSED if passed_to else Tip.Status.NEW,
        unit=passed_to,
        decided_at=received_at + datetime.timedelta(days=1) if passed_to else None,
    )
