from .media import MediaItem
from .programmes import ProgrammeIndexPage, ProgrammePage

__all__ = ["MediaItem", "ProgrammeIndexPage", "ProgrammePage"]
