"""The press abbreviations and the editors' synonyms (search.synonyms): the dictionary in the repository keeps its
rules, the thesaurus finds every window of a query that is a form, and the editors' groups take effect at the
next search, without a restart."""

import datetime
import unicodedata
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from search.analysis import folded_tokens
from search.equivalents import MAX_FORM_LENGTH, MAX_FORMS, MIN_FORMS
from search.models import SynonymGroup
from search.synonyms import DICTIONARY, Match, Thesaurus, dictionary, read_dictionary, thesaurus

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

# Common Vietnamese syllables, folded: an abbreviation that folds to one of them would make every text holding
# the word find the abbreviation's words (CA, công an: every "cá"; TU, Tỉnh ủy: every "tu").
COMMON_WORDS = """
    a e i o u y ai an anh ao au ay em oi ong
    ba bi bo bu ca co cu da de di do du ga gi go ha he hi ho hu la le li lo lu ma me mi mo mu
    na ne no nu ra re ro ru sa se so su ta te ti to tu va ve vi vo vu xa xe xi xo xu
    ban bac bay bon cao cat cay chi cho chu con dan dat doi dong gia hai hoa hoi khi kho lam mat mot
    nam nha nho noi nuoc nguoi ngay pha phu qua sao sau tai tam tan tay thi thu tin toan tra tre tri tro
"""
COMMON_SYLLABLES = set(COMMON_WORDS.split())

# What the issue names, and the province's own: each with a spelled-out form it must find.
REQUIRED = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "QĐND": "Quân đội nhân dân",
    "CAND": "Công an nhân dân",
    "VKSND": "Viện kiểm sát nhân dân",
    "TAND": "Tòa án nhân dân",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "LĐLĐ": "Liên đoàn Lao động",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
    "ĐBQH": "đại biểu Quốc hội",
    "T.Ư": "Trung ương",
    "KT-XH": "kinh tế - xã hội",
    "GD&ĐT": "giáo dục và đào tạo",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "ĐTN": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "TĐKT": "thi đua khen thưởng",
    "CSTĐ": "chiến sĩ thi đua",
    "AHLLVTND": "Anh hùng Lực lượng vũ trang nhân dân",
    "BMVNAH": "Bà mẹ Việt Nam anh hùng",
    "NSƯT": "Nghệ sĩ Ưu tú",
    "NGƯT": "Nhà giáo Ưu tú",
    "HTX": "hợp tác xã",
    "DTTS": "dân tộc thiểu số",
    "CNH-HĐH": "công nghiệp hóa, hiện đại hóa",
    "NTM": "nông thôn mới",
    "CĐS": "chuyển đổi số",
    "BMT": "Buôn Ma Thuột",
    "Ban Mê Thuột": "Buôn Ma Thuột",
}


def words(text):
    return folded_tokens(text)


def form(text):
    return tuple(folded_tokens(text))


@pytest.fixture(scope="module")
def press():
    """The thesaurus of the dictionary alone."""
    return Thesaurus(dictionary())


class TestTheDictionary:
    def test_it_is_utf8_in_nfc(self):
        text = DICTIONARY.read_bytes().decode("utf-8")
        assert unicodedata.normalize("NFC", text) == text

    def test_it_holds_at_least_120_groups_each_of_two_forms_or_more(self):
        groups = dictionary()
        assert len(groups) >= 120
        assert all(MIN_FORMS <= len(group) <= MAX_FORMS for group in groups)

    def test_every_written_form_has_words_and_keeps_the_editors_length_limit(self):
        for line in self.group_lines():
            for written in line.split("|"):
                assert folded_tokens(written), line
                assert len(written.strip()) <= MAX_FORM_LENGTH, line

    def test_no_form_stands_in_two_groups_so_that_no_two_groups_merge(self):
        counts = Counter(form for group in dictionary() for form in group)
        assert [form for form, count in counts.items() if count > 1] == []

    def test_no_single_word_form_is_a_common_vietnamese_word(self):
        single_words = {form[0] for group in dictionary() for form in group if len(form) == 1}
        assert single_words & COMMON_SYLLABLES == set()
        assert {"ca", "tu", "cat", "du"} & single_words == set()

    @pytest.mark.parametrize(("abbreviation", "spelled_out"), REQUIRED.items())
    def test_the_press_abbreviations_find_their_words_and_the_reverse(self, press, abbreviation, spelled_out):
        assert form(spelled_out) in self.alternatives_of(press, abbreviation)
        assert form(abbreviation) in self.alternatives_of(press, spelled_out)

    def test_the_parser_skips_comments_and_blank_lines_and_folds_each_form(self):
        text = "# a comment | with bars\n\n  UBND |Ủy ban nhân dân|  UBND  \nGD-ĐT | GD&ĐT | giáo dục và đào tạo\n"
        assert read_dictionary(text) == [
            {("ubnd",): "UBND", ("uy", "ban", "nhan", "dan"): "Ủy ban nhân dân"},
            {("gd", "dt"): "GD-ĐT", ("giao", "duc", "va", "dao", "tao"): "giáo dục và đào tạo"},
        ]

    @staticmethod
    def group_lines():
        lines = (line.strip() for line in DICTIONARY.read_text(encoding="utf-8").splitlines())
        return [line for line in lines if line and not line.startswith("#")]

    @staticmethod
    def alternatives_of(press, text):
        query = words(text)
        return {
            found
            for match in press.alternatives(query)
            if (match.start, match.end) == (0, len(query))
            for found in match.forms
        }


class TestTheWindows:
    def test_an_abbreviation_in_a_query_gives_its_spelled_out_words(self, press):
        [match] = press.alternatives(words("UBND tỉnh"))
        assert (match.start, match.end) == (0, 1)
        assert form("Ủy ban nhân dân") in match.forms

    def test_the_longest_windows_come_first_and_every_window_is_reported(self, press):
        matches = press.alternatives(words("Ủy ban nhân dân tỉnh"))
        assert [(match.start, match.end) for match in matches] == [(0, 4), (0, 2)]
        assert matches[0].forms == (("ubnd",),)
        assert matches[1].forms == (("ub",),)

    def test_windows_anywhere_in_a_query(self, press):
        query = words("Trường THPT Buôn Ma Thuột đạt chuẩn nông thôn mới")
        matches = {(match.start, match.end): match.forms for match in press.alternatives(query)}
        assert set(matches) == {(1, 2), (2, 5), (7, 10)}
        assert form("trung học phổ thông") in matches[1, 2]
        assert {form("BMT"), form("Ban Mê Thuột")} <= set(matches[2, 5])
        assert matches[7, 10] == (form("NTM"),)

    def test_written_variants_of_a_form_are_one(self, press):
        for query in ("KT-XH", "kt xh", "Kt.Xh"):
            [match] = press.alternatives(words(query))
            assert set(match.forms) == {form("KTXH"), form("kinh tế - xã hội")}

    def test_a_long_name_matches_whole_and_in_its_parts(self, press):
        matches = press.alternatives(words("Đoàn TNCS Hồ Chí Minh"))
        spans = [(match.start, match.end) for match in matches]
        assert spans == [(0, 5), (2, 5), (1, 2)]
        assert form("Đoàn Thanh niên") in matches[0].forms
        assert matches[1].forms == (form("HCM"),)
        assert matches[2].forms == (form("thanh niên cộng sản"),)

    @pytest.mark.parametrize("query", ["cá tra giống", "tu hành", "ba mẹ", "cô giáo", "ca dao Ê Đê", ""])
    def test_common_words_match_nothing(self, press, query):
        assert press.alternatives(words(query)) == []

    def test_a_form_in_two_groups_gets_the_union_of_their_forms(self):
        groups = [{("a",): "A", ("b", "c"): "B C"}, [("a",), ("d",)]]
        assert Thesaurus(groups).alternatives(["x", "a"]) == [
            Match(start=1, end=2, forms=(("b", "c"), ("d",)))
        ]


def alternatives(text):
    return {found for match in thesaurus().alternatives(words(text)) for found in match.forms}


@pytest.mark.django_db
class TestTheEditorsGroups:
    def test_the_thesaurus_holds_the_dictionary_with_no_group_of_the_editors(self):
        assert form("Hội đồng nhân dân") in alternatives("HĐND")

    def test_a_new_group_is_effective_at_the_next_call(self):
        assert alternatives("Sở NV") == set()
        SynonymGroup.objects.create(forms="Sở NV\nSở Nội vụ")
        assert alternatives("Sở NV") == {form("Sở Nội vụ")}
        assert alternatives("sở nội vụ") == {form("Sở NV")}

    def test_an_edited_group_stops_giving_its_old_forms(self):
        group = SynonymGroup.objects.create(forms="Sở NV\nSở Nội vụ")
        assert alternatives("Sở NV") == {form("Sở Nội vụ")}
        group.forms = "SNV\nSở Nội vụ"
        group.save()
        assert alternatives("Sở NV") == set()
        assert alternatives("SNV") == {form("Sở Nội vụ")}

    def test_a_deleted_group_stops_being(self):
        group = SynonymGroup.objects.create(forms="Sở NV\nSở Nội vụ")
        assert alternatives("Sở NV")
        group.delete()
        assert alternatives("Sở NV") == set()

    def test_a_form_of_the_dictionary_in_an_editors_group_gets_both(self):
        SynonymGroup.objects.create(forms="UBND\nUB nhân dân")
        assert {form("Ủy ban nhân dân"), form("UB nhân dân")} <= alternatives("UBND")

    def test_an_edit_saved_with_an_earlier_clock_is_seen_too(self, time_machine):
        """Two saves commit in another order than their clocks read (two workers, or two servers): the later
        commit carries the earlier time, and the searches still see it."""
        time_machine.move_to(datetime.datetime(2025, 3, 10, 9, 0, 5, tzinfo=HANOI), tick=False)
        SynonymGroup.objects.create(forms="BVĐK vùng\nBệnh viện Đa khoa vùng")
        group = SynonymGroup.objects.create(forms="Sở NV\nSở Nội vụ")
        assert alternatives("Sở NV") == {form("Sở Nội vụ")}
        time_machine.move_to(datetime.datetime(2025, 3, 10, 9, 0, 1, tzinfo=HANOI), tick=False)
        group.forms = "SNV\nSở Nội vụ"
        group.save()
        assert alternatives("SNV") == {form("Sở Nội vụ")}

    def test_an_unchanged_table_costs_one_query_a_call(self, django_assert_num_queries):
        SynonymGroup.objects.create(forms="Sở NV\nSở Nội vụ")
        thesaurus()
        with django_assert_num_queries(1):
            assert thesaurus().alternatives(["so", "nv"])
