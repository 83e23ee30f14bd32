"""The editors' abbreviations and synonyms in the admin: who may keep them (the outlets' editors, given the right by
`manage.py setup`), the rules a group keeps, said in the admin's language, and forms shown as text."""

import json

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from contests.setup import JUDGES_GROUP, ORGANISERS_GROUP
from exemplars.roles import CHAIRMAN_OFFICE_GROUP, REVIEWERS_GROUP
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name, journalists_group_name
from newsroom.setup import set_up
from search.equivalents import MAX_FORM_LENGTH, MAX_FORMS
from search.models import SynonymGroup
from search.synonyms import thesaurus

ADD_URL = reverse("wagtailsnippets_search_synonymgroup:add")
LIST_URL = reverse("wagtailsnippets_search_synonymgroup:list")
MENU_LABEL = "Từ viết tắt và từ đồng nghĩa"
GROUP = {"forms": "Sở NV\nSở Nội vụ", "note": "Sở Nội vụ tỉnh, nơi thẩm định hồ sơ đề cử"}
REFUSED_GROUPS = {
    **{f"journalist-{outlet}": journalists_group_name(outlet) for outlet in Outlet.values},
    "reviewer": REVIEWERS_GROUP,
    "chairman's office": CHAIRMAN_OFFICE_GROUP,
    "judge": JUDGES_GROUP,
    "contest organiser": ORGANISERS_GROUP,
}


@pytest.fixture
def roles(outlets):
    """Every role's group with its permissions, as `manage.py setup` leaves them."""
    return list(set_up())


def signed_in(client, make_user, group_name):
    client.force_login(make_user("nguoi-dung", group_name))
    return client


def in_menu(client):
    """Whether the admin's menu (the sidebar's data, JSON in the page) links to the groups, by their label."""
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    return LIST_URL in home and json.dumps(MENU_LABEL) in home


def clean_errors(forms):
    with pytest.raises(ValidationError) as raised:
        SynonymGroup(forms=forms).clean()
    return raised.value.message_dict["forms"]


class TestWhoKeepsThem:
    @pytest.mark.parametrize("group_name", REFUSED_GROUPS.values(), ids=REFUSED_GROUPS.keys())
    def test_journalists_and_the_other_roles_are_refused(self, client, make_user, roles, group_name):
        client = signed_in(client, make_user, group_name)
        for url in (ADD_URL, LIST_URL):
            assert client.get(url).status_code in (302, 403)
            assert 'name="forms"' not in client.get(url, follow=True).content.decode()
        assert client.post(ADD_URL, GROUP).status_code in (302, 403)
        assert not SynonymGroup.objects.exists()
        assert not in_menu(client)

    def test_a_journalist_may_not_change_or_delete_a_group(self, client, make_user, roles):
        group = SynonymGroup.objects.create(forms=GROUP["forms"])
        client = signed_in(client, make_user, journalists_group_name(Outlet.NEWSPAPER))
        edit_url = reverse("wagtailsnippets_search_synonymgroup:edit", args=[group.pk])
        delete_url = reverse("wagtailsnippets_search_synonymgroup:delete", args=[group.pk])
        assert client.post(edit_url, {"forms": "SNV\nSở Nội vụ", "note": ""}).status_code in (302, 403)
        assert client.post(delete_url).status_code in (302, 403)
        group.refresh_from_db()
        assert group.forms == GROUP["forms"]

    @pytest.mark.parametrize("outlet", Outlet.values)
    def test_each_outlets_editors_add_change_and_delete_them(self, client, make_user, roles, outlet):
        client = signed_in(client, make_user, editors_group_name(outlet))
        assert in_menu(client)
        assert client.get(ADD_URL).status_code == 200
        assert client.post(ADD_URL, GROUP).status_code == 302
        group = SynonymGroup.objects.get()
        assert group.note == GROUP["note"]
        edit_url = reverse("wagtailsnippets_search_synonymgroup:edit", args=[group.pk])
        assert client.post(edit_url, {"forms": "SNV\nSở Nội vụ", "note": ""}).status_code == 302
        group.refresh_from_db()
        assert group.forms == "SNV\nSở Nội vụ"
        delete_url = reverse("wagtailsnippets_search_synonymgroup:delete", args=[group.pk])
        assert client.post(delete_url).status_code == 302
        assert not SynonymGroup.objects.exists()

    def test_the_editors_group_finds_at_the_next_search(self, client, make_user, roles):
        client = signed_in(client, make_user, editors_group_name(Outlet.PORTAL))
        assert thesaurus().alternatives(["so", "nv"]) == []
        client.post(ADD_URL, GROUP)
        [match] = thesaurus().alternatives(["so", "nv"])
        assert match.forms == (("so", "noi", "vu"),)


class TestTheRules:
    def test_a_group_needs_two_forms_that_differ_in_more_than_marks_case_and_punctuation(self):
        message = (
            "Hãy nhập ít nhất hai cách viết khác nhau, mỗi dòng một cách: từ viết tắt và dạng viết đầy đủ, "
            "hoặc hai cách viết. Các cách viết chỉ khác nhau về dấu, chữ hoa hay dấu câu được tính là một."
        )
        with translation.override("vi"):
            assert clean_errors("UBND") == [message]
            assert clean_errors("KT-XH\nKT, XH\nkt xh") == [message]
            assert clean_errors("") == [message]
        SynonymGroup(forms="HĐND\nhdnd\nHội đồng nhân dân").clean()

    def test_a_form_needs_a_word_to_search_for(self):
        with translation.override("vi"):
            assert clean_errors("UBND\n---\nỦy ban nhân dân") == [
                "“---” không có chữ cái hay chữ số nào để tìm kiếm."
            ]

    def test_a_form_has_a_length_limit(self):
        long_form = "a" * (MAX_FORM_LENGTH + 1)
        with translation.override("vi"):
            assert clean_errors(f"UBND\n{long_form}\nỦy ban nhân dân") == [
                f"“{long_form}” dài quá {MAX_FORM_LENGTH} ký tự."
            ]
        SynonymGroup(forms=f"UBND\n{'a' * MAX_FORM_LENGTH}").clean()

    def test_a_group_has_at_most_twenty_forms_and_a_repeated_form_counts_once(self):
        forms = [f"QL{number}" for number in range(MAX_FORMS)]
        group = SynonymGroup(forms="\n".join([*forms, "ql0", "Ql0", "", "  QL1  "]))
        group.clean()
        assert group.forms == "\n".join([*forms, "ql0", "Ql0", "QL1"])
        with translation.override("vi"):
            assert clean_errors("\n".join([*forms, "QL99"])) == [
                f"Mỗi nhóm có nhiều nhất {MAX_FORMS} cách viết khác nhau: hãy tách thành các nhóm nhỏ hơn, "
                "mỗi nhóm gồm những cách viết cùng nghĩa."
            ]

    def test_the_messages_follow_the_admin_language(self):
        with translation.override("en"):
            assert clean_errors("UBND\n---\nỦy ban nhân dân") == [
                "“---” has no letter or digit to search for."
            ]

    def test_the_admin_says_what_is_wrong_in_vietnamese(self, client, make_user, roles):
        client = signed_in(client, make_user, editors_group_name(Outlet.NEWSPAPER))
        response = client.post(ADD_URL, {"forms": "UBND\nubnd", "note": ""})
        assert response.status_code == 200
        assert "Hãy nhập ít nhất hai cách viết khác nhau" in response.content.decode()
        assert not SynonymGroup.objects.exists()


class TestFormsAreText:
    def test_markup_in_a_form_is_shown_as_text_in_the_listing(self, admin_client):
        response = admin_client.post(
            ADD_URL, {"forms": "<b>UBND</b>\nỦy ban nhân dân", "note": "<i>ghi chú</i>"}
        )
        assert response.status_code == 302
        listing = admin_client.get(LIST_URL).content.decode()
        assert "&lt;b&gt;UBND&lt;/b&gt; | Ủy ban nhân dân" in listing
        assert "&lt;i&gt;ghi chú&lt;/i&gt;" in listing
        assert "<b>UBND</b>" not in listing and "<i>ghi chú</i>" not in listing

    def test_markup_in_a_refused_form_is_shown_as_text_in_the_message(self, admin_client):
        response = admin_client.post(ADD_URL, {"forms": "UBND\n<//>\nỦy ban nhân dân", "note": ""})
        page = response.content.decode()
        assert response.status_code == 200
        assert "“&lt;//&gt;”" in page and "<//>" not in page
