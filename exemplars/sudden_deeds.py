"""Sudden deeds (thành tích đột xuất): filed at any time, outside the rounds and their quota, on a fast track.

The Department appraises a sudden deed within `appraisal_days()` of its submission (setting
SUDDEN_DEED_APPRAISAL_DAYS, 7 by default): the deadline is set on the nomination each time it is submitted (a
resubmission after a return starts the clock again) and is met once the Department has decided or referred it
(exemplars.appraisal.is_appraisal_overdue).
"""

import datetime

from django.conf import settings

DEFAULT_APPRAISAL_DAYS = 7
# `?kind=sudden-deed` on the add view's URL: the form opens on a sudden deed (no round chosen).
SUDDEN_DEED_KIND = "sudden-deed"


def appraisal_days():
    return getattr(settings, "SUDDEN_DEED_APPRAISAL_DAYS", DEFAULT_APPRAISAL_DAYS)


def appraisal_due(submitted_at):
    return submitted_at + datetime.timedelta(days=appraisal_days())
