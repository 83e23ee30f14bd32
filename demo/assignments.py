"""The demo's story assignments (data/assignments.json): given by the outlets' editors to their journalists, one
of them overdue, dated from the load, so that both dashboards have something to show."""

import datetime

from newsroom.models import StoryAssignment

from .data import read_json

DATA_FILE = "assignments.json"


def load_assignments(logins, today):
    """Each assignment of the data file, made where missing; `logins` ({role: [users]}) gives its people."""
    users = {user.username: user for role_users in logins.values() for user in role_users}
    for spec in read_json(DATA_FILE)["assignments"]:
        StoryAssignment.objects.get_or_create(
            outlet=spec["outlet"],
            title=spec["title"],
            defaults={
                "brief": spec["brief"],
                "journalist": users[spec["journalist"]],
                "assigned_by": users[spec["editor"]],
                "due_on": today + datetime.timedelta(days=spec["due_in_days"]),
            },
        )
