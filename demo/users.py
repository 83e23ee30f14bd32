"""The demo's logins, one or two per role (data/users.json), all with the password the README publishes: for
trying the software, so never created outside DEBUG (see the load_demo command)."""

from django.contrib.auth.models import Group, User

from contests.setup import JUDGES_GROUP, ORGANISERS_GROUP
from exemplars.models import OfficerProfile, Unit
from exemplars.roles import CHAIRMAN_OFFICE_GROUP, REVIEWERS_GROUP
from newsroom.outlets import editors_group_name, journalists_group_name
from quizzes.setup import ORGANISERS_GROUP as QUIZ_ORGANISERS_GROUP

from .data import read_json

DEMO_PASSWORD = "neuguong-demo"

# The group each role of users.json joins. An administrator needs none; a unit officer joins the unit's own
# group through the officer profile (exemplars.setup.join_unit_officers).
ROLE_GROUPS = {
    "administrator": None,
    "unit_officer": None,
    "nomination_reviewer": REVIEWERS_GROUP,
    "chairman_office": CHAIRMAN_OFFICE_GROUP,
    "contest_organiser": ORGANISERS_GROUP,
    "contest_judge": JUDGES_GROUP,
    "quiz_organiser": QUIZ_ORGANISERS_GROUP,
}
OUTLET_ROLE_GROUPS = {"journalist": journalists_group_name, "editor": editors_group_name}


def load_logins(stdout):
    """Every login of users.json, created where missing: {role: [users]}, in the file's order."""
    logins = {}
    for spec in read_json("users.json"):
        logins.setdefault(spec["role"], []).append(ensure_login(spec, stdout))
    return logins


def ensure_login(spec, stdout):
    username, role = spec["username"], spec["role"]
    superuser = role == "administrator"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.vn", "is_superuser": superuser, "is_staff": superuser},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        stdout.write(f"Demo user {username} / {DEMO_PASSWORD}")
    if group := group_name(spec):
        user.groups.add(Group.objects.get(name=group))
    if role == "unit_officer":
        OfficerProfile.objects.get_or_create(
            user=user, defaults={"unit": Unit.objects.get(name=spec["unit"])}
        )
    return user


def group_name(spec):
    role = spec["role"]
    if role in OUTLET_ROLE_GROUPS:
        return OUTLET_ROLE_GROUPS[role](spec["outlet"])
    return ROLE_GROUPS[role]
