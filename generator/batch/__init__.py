"""`lessonpack batch`: one pack per school of a multi-academy trust or district, listed in a CSV.

Each row is a school config flattened into columns, optionally with a YAML config for the rest
(the row's filled-in cells win). The schools build in parallel, one process each, into
OUT/<school-slug>/, and a school whose outputs already match its inputs is skipped. With
`--shard i/n` a run builds only one of n disjoint slices of the rows, so several machines can
share a batch: each school's folder keeps a status record, and every run ends by rebuilding
OUT/batch-summary.csv from the CSV's rows and the records present, so the last shard's summary
is the whole batch's.

rows reads the CSV, prepare (with origins) turns each row into a checked config and a build task,
fingerprint says whether a school is up to date, worker builds the schools, summary keeps the
status records and the summary, and command is the click command.
"""

from .command import batch, run_batch
from .fingerprint import inputs_hash
from .prepare import Batch, prepare_all
from .rows import read_rows

__all__ = ["Batch", "batch", "inputs_hash", "prepare_all", "read_rows", "run_batch"]
