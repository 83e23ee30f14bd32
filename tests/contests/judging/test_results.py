"""The public results page: nothing before publication, then the winners as they consented to be named."""

import pytest

from contests.models import ContestPrize, Entry
from contests.organiser_actions import award_prize, close_judging, publish_results, withdraw_results
from contests.results import results_text
from search.engines.base import SearchQuery
from search.service import get_engine

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def results_url(contest):
    return f"{contest.url}ket-qua/"


@pytest.fixture
def awarded_contest(judged_contest, organiser, make_judge, write_sheet):
    """Giải Nhất to a pen name in Phóng sự; Giải Nhì to a full name and to a pen name in Bút ký."""
    writing, report = judged_contest.categories.all()
    hoa, ymoan = Entry.objects.filter(category=writing, status=Entry.Status.ACCEPTED)
    duc, _hbia = Entry.objects.filter(category=report, status=Entry.Status.ACCEPTED)
    judge = make_judge(contest=judged_contest)
    write_sheet(hoa, judge, 9.5, 9)
    close_judging(judged_contest, organiser)
    first, second = ContestPrize.objects.filter(contest=judged_contest).order_by("sort_order")
    award_prize(second, hoa, organiser)
    award_prize(second, ymoan, organiser)
    award_prize(first, duc, organiser)
    return judged_contest


def test_no_results_before_publication(client, awarded_contest):
    assert client.get(results_url(awarded_contest)).status_code == 404
    assert "ket-qua/" not in client.get(awarded_contest.url).content.decode()
    assert results_text(awarded_contest) == ""


def test_the_results_list_prizes_per_category_with_consented_names(client, awarded_contest, organiser):
    publish_results(awarded_contest, organiser)
    response = client.get(results_url(awarded_contest))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Bút ký") < html.index("Phóng sự")
    writing = html[html.index("Bút ký") : html.index("Phóng sự")]
    assert "Giải Nhì" in writing and "Giải Nhất" not in writing
    # Alphabetical within a prize: "Hoa Ban" (pen name) before "Y Moan Ênuôl" (full name, no pen name).
    assert writing.index("Người giữ lửa buôn làng") < writing.index("Mùa cà phê trên đồi Ea Tu")
    assert "tác giả Hoa Ban" in writing and "tác giả Y Moan Ênuôl" in writing
    assert "Nguyễn Thị Hoa" not in html  # she chose her pen name
    report = html[html.index("Phóng sự") :]
    assert "Giải Nhất" in report and "Ông giáo làng Krông Pắc" in report and "tác giả Đức Trần" in report
    for private in ("@example.vn", "0912 345 678", "Buôn Ma Thuột", "9,25", "9.25", "Bài số"):
        assert private not in html
    assert "Bếp ăn nghĩa tình" not in html  # no prize, not listed
    assert "ket-qua/" in client.get(awarded_contest.url).content.decode()


def test_the_results_page_names_its_own_address_as_canonical(client, awarded_contest, organiser):
    publish_results(awarded_contest, organiser)
    html = client.get(results_url(awarded_contest)).content.decode()
    assert f'<link rel="canonical" href="{awarded_contest.full_url}ket-qua/">' in html


def test_the_results_stay_text(client, awarded_contest, organiser):
    Entry.objects.filter(title="Người giữ lửa buôn làng").update(title=f"{SCRIPT} tiêu đề", pen_name=SCRIPT)
    publish_results(awarded_contest, organiser)
    html = client.get(results_url(awarded_contest)).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; tiêu đề" in html


def test_withdrawn_results_are_not_found_again(client, awarded_contest, organiser):
    publish_results(awarded_contest, organiser)
    withdraw_results(awarded_contest)
    assert client.get(results_url(awarded_contest)).status_code == 404


def test_the_search_text_holds_the_published_results(awarded_contest, organiser):
    publish_results(awarded_contest, organiser)
    text = results_text(awarded_contest)
    assert text.splitlines() == [
        f"Kết quả {awarded_contest.title}",
        "Bút ký",
        "Giải Nhì: Người giữ lửa buôn làng – Hoa Ban",
        "Giải Nhì: Mùa cà phê trên đồi Ea Tu – Y Moan Ênuôl",
        "Phóng sự",
        "Giải Nhất: Ông giáo làng Krông Pắc – Đức Trần",
    ]


def found_contests(text):
    results = get_engine().search(SearchQuery(text=text, filters={"kind": "contest"}))
    return [hit.title for hit in results.hits]


def test_published_results_are_found_by_a_winners_title_until_withdrawn(awarded_contest, organiser):
    assert found_contests("ong giao lang krong pac") == []

    publish_results(awarded_contest, organiser)
    assert found_contests("Ông giáo làng Krông Pắc") == [awarded_contest.title]

    withdraw_results(awarded_contest)
    assert found_contests("ong giao lang krong pac") == []
