"""The contest page names the panel the organisers chose to show, and states the rubric the judges apply."""

import pytest

pytestmark = pytest.mark.django_db


def contest_html(client, contest):
    response = client.get(contest.url)
    assert response.status_code == 200
    return response.content.decode()


def name(user, full_name):
    user.first_name = full_name
    user.save()
    return user


def test_the_rubric_is_stated_with_its_weights(client, contest):
    html = contest_html(client, contest)
    assert "Tiêu chí chấm" in html
    assert "<strong>Nội dung</strong> (60%)" in html and "<strong>Nghệ thuật</strong> (40%)" in html


def test_named_judges_are_listed_and_the_others_stay_private(client, contest, make_judge):
    second = name(make_judge(contest=contest), "Trần Văn An")
    second.judge_assignments.update(public_title="Nhà văn <script>alert(1)</script>")
    listed = name(make_judge(contest=contest), "Đặng Thị Đào")
    listed.judge_assignments.update(public_title="Nhà báo, Phó Tổng biên tập Báo Đắk Lắk")
    unlisted = name(make_judge("giamkhao.an", contest=contest), "Lê Văn Kín")

    html = contest_html(client, contest)

    assert "Ban giám khảo" in html
    # Vietnamese alphabetical order: Đ comes before T (code points would put it after).
    assert html.index("Đặng Thị Đào, Nhà báo") < html.index("Trần Văn An, Nhà văn")
    assert "Nhà báo, Phó Tổng biên tập Báo Đắk Lắk" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Lê Văn Kín" not in html and unlisted.email not in html and listed.email not in html


def test_no_panel_heading_without_a_named_judge(client, contest, make_judge):
    make_judge(contest=contest).judge_assignments.update(
        public_title="Nhà báo"
    )  # no full name in the account
    assert "Ban giám khảo" not in contest_html(client, contest)
