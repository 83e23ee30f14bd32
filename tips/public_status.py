"""What the status look-up tells a tipster: a phrase for where the tip stands, and the story once it is live;
never a word of the tip itself, the editors' reasons or anyone's name."""

from dataclasses import dataclass

from .models import Tip

PHRASES = {
    Tip.Status.NEW: "Đã tiếp nhận, Ban biên tập đang xem xét.",
    Tip.Status.ASSIGNED: "Đã giao phóng viên tìm hiểu, xác minh.",
    Tip.Status.PASSED: "Đã chuyển đơn vị liên quan xem xét, đề nghị khen thưởng.",
    Tip.Status.MERGED: "Cùng nội dung với một tin báo khác đã nhận; được xử lý cùng tin báo đó.",
    Tip.Status.REJECTED: "Ban biên tập đã xem xét và không sử dụng tin báo này.",
}
PUBLISHED = "Bài viết từ tin báo của bạn đã được đăng."


@dataclass(frozen=True)
class PublicStatus:
    phrase: str
    story_url: str = ""


def public_status(tip, request=None):
    """The tip's status as the tipster may read it: a merged tip follows the one it was merged into. The story's
    address is relative when it is on the site of `request`."""
    followed = tip.duplicate_of if tip.status == Tip.Status.MERGED and tip.duplicate_of_id else tip
    story = published_story(followed)
    if story is not None:
        return PublicStatus(PUBLISHED, story.get_url(request) or "")
    return PublicStatus(PHRASES[Tip.Status(tip.status)])


def published_story(tip):
    """The live story written for the tip's assignment, or None."""
    story = tip.assignment.story if tip.assignment_id else None
    return story if story is not None and story.live else None
