"""What stops a backup or a restore, said to the operator who ran it."""


class BackupError(Exception):
    """The backup or restore stopped; the message says why and, where there is one, what to do."""


class RestoreRefused(BackupError):
    """The restore refused the archive or the target before changing anything."""
