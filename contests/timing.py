"""How long until a contest opens or closes, as the countdown reads it."""


def remaining_label(delta):
    """3 ngày 4 giờ; under a day 4 giờ 5 phút; under a minute 42 giây."""
    days, rest = divmod(max(int(delta.total_seconds()), 0), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ"
    if hours:
        return f"{hours} giờ {minutes} phút"
    if minutes:
        return f"{minutes} phút"
    return f"{seconds} giây"
