"""Load a curriculum folder into one validated Curriculum, reporting every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from ..errors import ContentError, Problem
from ..model import AgeBand, Frame, Gate, Module, Parents, Region, Sequences, Timing
from .regional import choose_region
from .schema import parse
from .yamlsrc import YamlError, load_yaml


class BandList(BaseModel):
    """The top of bands.yaml."""

    bands: list[AgeBand] = Field(min_length=1)


@dataclass(frozen=True)
class Origin:
    """Where a record came from: the file shown in messages, its parsed YAML and its field path."""

    file: str
    raw: object
    loc: tuple = ()


@dataclass
class Curriculum:
    """Everything a build needs from a curriculum folder, and where each part came from."""

    root: Path
    bands: dict[str, AgeBand]
    sequences: Sequences
    timing: Timing
    frame: Frame
    parents: Parents
    modules: dict[str, Module]
    regions: dict[str, Region]
    gate: Gate
    origins: dict[tuple, Origin] = field(default_factory=dict)
    texts: dict[str, object] = field(default_factory=dict)   # file shown -> its YAML, every region's text

    def origin(self, *key) -> Origin:
        """Return where the record named by *key* came from."""
        return self.origins[key]


class _Reader:
    """Reads files of one curriculum folder, collecting problems instead of stopping."""

    def __init__(self, root: Path, base: Path):
        self.root, self.base = root, base
        self.problems: list[Problem] = []
        self.origins: dict[tuple, Origin] = {}
        self.texts: dict[str, object] = {}
        self.region: str | None = None      # once set, region text is resolved for this region
        self.known: tuple = ()

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.base))
        except ValueError:
            return str(path)

    def read(self, path: Path, model: type, key: tuple):
        """Return *path* validated as *model*, or None after recording its problems."""
        shown = self.shown(path)
        if not path.is_file():
            self.problems.append(Problem(shown, 0, "", "file is missing"))
            return None
        try:
            raw = load_yaml(path, shown)
        except YamlError as e:
            self.problems.append(e.problem)
            return None
        if self.region:
            self.texts[shown] = raw
            raw, problems = choose_region(raw, self.region, self.known, shown)
            self.problems += problems
        record, problems = parse(model, raw, shown)
        self.problems += problems
        self.origins[key] = Origin(shown, raw)
        return record

    def read_folder(self, folder: str, model: type, kind: str) -> dict:
        """Return every *.yaml in *folder* validated as *model*, keyed by file stem."""
        records = {}
        for path in sorted((self.root / folder).glob("*.yaml")):
            record = self.read(path, model, (kind, path.stem))
            if record is not None:
                records[path.stem] = record
        if not records and not self.problems:
            self.problems.append(Problem(self.shown(self.root / folder), 0, "", "no .yaml files found"))
        return records


def load_curriculum(root: Path, region: str = "UK", base: Path | None = None) -> Curriculum:
    """Return the curriculum in *root* as read in *region*, or raise ContentError listing every problem."""
    reader = _Reader(root, base or Path.cwd())
    if not root.is_dir():
        raise ContentError([Problem(reader.shown(root), 0, "", "curriculum folder not found")])
    regions = reader.read_folder("services", Region, "region")
    reader.region, reader.known = region, tuple(r.region for r in regions.values())
    if region not in reader.known:
        reader.region = reader.known[0] if reader.known else region   # the config check names the region
    bands = reader.read(root / "bands.yaml", BandList, ("bands",))
    sequences = reader.read(root / "sequences.yaml", Sequences, ("sequences",))
    timing = reader.read(root / "timing.yaml", Timing, ("timing",))
    frame = reader.read(root / "frame.yaml", Frame, ("frame",))
    parents = reader.read(root / "parents.yaml", Parents, ("parents",))
    gate = reader.read(root / "gate.yaml", Gate, ("gate",))
    reader.texts.pop(reader.shown(root / "gate.yaml"), None)     # the gate's own messages are for authors
    modules = reader.read_folder("modules", Module, "module")
    if reader.problems:
        raise ContentError(reader.problems)
    for i, band in enumerate(bands.bands):
        reader.origins[("band", band.id)] = Origin(reader.origins[("bands",)].file,
                                                   reader.origins[("bands",)].raw, ("bands", i))
    for band_id in sequences.bands:
        seq = reader.origins[("sequences",)]
        reader.origins[("sequence", band_id)] = Origin(seq.file, seq.raw, ("bands", band_id))
    for stem, region in regions.items():
        file = reader.origins[("region", stem)]
        for i, service in enumerate(region.services):
            reader.origins[("service", region.region, service.id)] = Origin(file.file, file.raw, ("services", i))
    return Curriculum(root, {b.id: b for b in bands.bands}, sequences, timing, frame, parents,
                      modules, {r.region: r for r in regions.values()}, gate, reader.origins, reader.texts)
