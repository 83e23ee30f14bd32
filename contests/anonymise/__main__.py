"""The child process of isolation.anonymise_isolated: it limits itself, then copies its standard input.

python -m contests.anonymise FILE_KIND MEMORY_BYTES CPU_SECONDS < entry-file > copy
"""

import resource
import sys

from . import anonymise
from .budget import RESAVE, refusal
from .errors import AnonymisationError, OverBudget
from .isolation import REFUSED, report_of

OUT_OF_MEMORY = refusal("tệp cần quá nhiều bộ nhớ để xử lý", RESAVE)


def main(file_kind, memory_bytes, cpu_seconds):
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    data = sys.stdin.buffer.read()
    try:
        copy = anonymise(data, file_kind)
    except AnonymisationError as error:
        return refuse(error)
    except MemoryError:
        return refuse(OverBudget(f"The copy needed more than {memory_bytes} bytes.", OUT_OF_MEMORY))
    sys.stdout.buffer.write(copy)
    return 0


def refuse(error):
    sys.stdout.buffer.write(report_of(error))
    return REFUSED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
