import pytest

from django.contrib.auth.models import Group, User

from core.roles import in_group, mail_addresses, members_of

pytestmark = pytest.mark.django_db


def user_in(username, *groups, email="", is_active=True):
    user = User.objects.create_user(username, email=email, is_active=is_active)
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in groups))
    return user


def test_a_deactivated_member_is_no_longer_in_the_group():
    active, former = user_in("a", "Giám khảo"), user_in("b", "Giám khảo", is_active=False)

    assert in_group(active, "Giám khảo")
    assert not in_group(active, "Ban tổ chức cuộc thi")
    assert not in_group(former, "Giám khảo")


def test_members_of_several_groups_are_counted_once_and_only_if_active():
    both = user_in("both", "Biên tập A", "Biên tập B")
    one = user_in("one", "Biên tập B")
    user_in("former", "Biên tập A", is_active=False)
    user_in("outsider", "Phóng viên A")

    assert list(members_of("Biên tập A", "Biên tập B").order_by("username")) == [both, one]


def test_mail_goes_to_each_address_once_and_never_to_a_blank_one():
    user_in("a", "G", email="b@so.gov.vn")
    user_in("b", "G", email="a@so.gov.vn")
    user_in("c", "G", email="")
    user_in("d", "G", email="a@so.gov.vn")

    assert mail_addresses(members_of("G")) == ["a@so.gov.vn", "b@so.gov.vn"]
