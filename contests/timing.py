"""Contest times as the province reads them."""

from newsroom.vietnamese import LOCAL_TIME_ZONE


def local_time_label(moment):
    """17:00 ngày 30/4/2025, in Asia/Ho_Chi_Minh."""
    local = moment.astimezone(LOCAL_TIME_ZONE)
    return f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}"


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
