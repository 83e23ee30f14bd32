"""Why a copy for the judges cannot be made."""


class AnonymisationError(Exception):
    """The file cannot be copied without its identifying metadata; it must not be shown to judges.

    `entrant_message`, in Vietnamese, is set when the file would fail the same way at every download and the
    entrant can do something about it: the entry form then refuses the file with that message.
    """

    def __init__(self, message, entrant_message=None):
        super().__init__(message)
        self.entrant_message = entrant_message


class OverBudget(AnonymisationError):
    """Copying the file would cost more memory or time than one entry file may."""
