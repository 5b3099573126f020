"""How datatrove tasks' shards become one hub folder: only when every task has finished.

Each task of a run writes its shard under OUT's hidden staging folder (``datasets`` never reads
hidden folders) and then a done marker with its row count. The task that finds the markers of
all ``world_size`` tasks publishes: on a local disk it builds the whole folder (shards, card
with the row count, Croissant file, manifest) beside OUT and swaps it in through the output
guard, so readers see the previous export or the new one; elsewhere (object stores have no
rename of folders) the shards are moved in first and the card written last. Either way the
previous publication's shards go, so a rerun with fewer tasks keeps no stale shard, and a run
with a failed task publishes nothing. Files no export wrote (a user's README.md) are refused
when the writer is made, before any task runs.

Kept apart from ``datatrove.py`` so the writer stays a thin datatrove step; it uses only the
``DataFolder`` (an fsspec file system) it is given. Part of the ``integrations`` stage.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..hf import output
from ..hf.about import DatasetIdentity
from ..hf.card import croissant_metadata, dataset_card


def _is_local(folder: Any) -> bool:
    """Whether a DataFolder is on the local disk (where folders can be renamed)."""
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(folder.fs, LocalFileSystem)


def stage_folder(world_size: int) -> str:
    """The staging folder of runs with ``world_size`` tasks (relative to OUT)."""
    return f"{output.STAGING_NAME}/{world_size:05d}-tasks"


def staged_shard_name(run_id: str, world_size: int) -> str:
    """The datatrove ``output_filename`` template of a task's staged shard."""
    return f"{stage_folder(world_size)}/train-{run_id}-${{rank}}.parquet"


#: The run that owns a staging folder: its id and where its logs are (``logging_dir``).
RUN_FILE = f"{output.STAGING_NAME}/run.json"


@dataclass(frozen=True)
class Run:
    """One datatrove run: the tasks of one ``logging_dir``, however often it is resumed.

    ``id`` is a hash of ``label`` (the logging folder, or the process for a step run without
    an executor); two runs into one OUT have different ids, a resumed run has the same.
    """

    id: str
    label: str

    @classmethod
    def named(cls, label: str) -> Run:
        """The run whose logs are at ``label``."""
        return cls(hashlib.sha256(label.encode()).hexdigest()[:16], label)


def _other_run(where: str, owner: dict[str, Any]) -> CorpusError:
    """The refusal of a task whose OUT is being staged into by another run."""
    return CorpusError(
        f"{where}: another datatrove run is writing to it (logs at {owner.get('logging_dir')}) "
        "and has not published; two runs never publish a mix of shards: resume that run (the "
        "same logging_dir), wait for it to end, or, if it was abandoned, remove "
        f"{where.rstrip('/')}/{output.STAGING_NAME} and run again"
    )


def start_task(folder: Any, run: Run, world_size: int, where: str) -> None:
    """Claim OUT's staging area for ``run`` before a task writes anything, or refuse.

    The first task of a run records it (an exclusive create on a local disk); a task of the
    same run (a sibling, or a resumed run's) goes on, and a task of any other run is refused
    with the other run named, so two runs never stage, let alone publish, into one OUT.
    """
    record = json.dumps({"run": run.id, "logging_dir": run.label, "tasks": world_size})
    folder.makedirs(output.STAGING_NAME, exist_ok=True)
    if _is_local(folder):
        _claim_locally(os.path.join(folder.path, RUN_FILE), record)
    elif not folder.isfile(RUN_FILE):  # object stores: no exclusive create; read back below
        with folder.open(RUN_FILE, "wt", encoding="utf-8") as handle:
            handle.write(record)
    owner = staging_owner(folder)
    if owner is None or owner.get("run") != run.id:
        raise _other_run(where, owner or {"logging_dir": "unknown"})


def _claim_locally(path: str, record: str) -> None:
    """Create ``path`` holding ``record`` unless it exists, whole: never seen half-written.

    Written to a temporary file first and then hard-linked into place, which fails when the
    name exists: tasks running at once see no claim or a complete one, never an empty file.
    """
    temporary = f"{path}.{os.getpid()}-{secrets.token_hex(4)}"
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(record)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: a rename, exclusive enough there
        if not os.path.exists(path):
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def staging_owner(folder: Any) -> dict[str, Any] | None:
    """The run recorded in OUT's staging area, or None when nothing is staged."""
    if not folder.isfile(RUN_FILE):
        return None
    with folder.open(RUN_FILE, "rt", encoding="utf-8") as handle:
        try:
            owner = json.loads(handle.read())
        except ValueError:  # half-written by a killed task: nobody's
            return {"run": None, "logging_dir": "unknown (a damaged run.json)"}
    return owner if isinstance(owner, dict) else None


def check_output_folder(folder: Any, where: str) -> None:
    """Refuse, when the writer is made, an OUT holding foreign files or one not writable."""
    listed = None
    if folder.isfile(output.MANIFEST_NAME):
        with folder.open(output.MANIFEST_NAME, "rt", encoding="utf-8") as handle:
            listed = output.read_manifest(handle.read())
    files = folder.find("", withdirs=False) if folder.isdir("") else []
    output.refuse_foreign(where, output.foreign_among(files, listed))
    if _is_local(folder):
        output.refuse_current_folder(folder.path)  # publishing swaps the folder in whole
        try:
            os.makedirs(folder.path, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{where}: cannot create the folder ({exc.strerror})") from None
        if not os.access(folder.path, os.W_OK | os.X_OK):
            raise CorpusError(f"{where}: cannot write there; choose a folder you can write to")


def finish_task(
    folder: Any,
    *,
    run_id: str,
    run: Run,
    rank: int,
    world_size: int,
    rows: int,
    who: DatasetIdentity,
) -> bool:
    """Mark a task done; publish when every task of the run is. Returns whether it published.

    ``run_id`` names the shards (one per output folder); ``run`` is the datatrove run, whose
    claim on the staging area is checked again before publishing.
    """
    stage = stage_folder(world_size)
    shard = f"train-{run_id}-{rank:05d}.parquet"
    marker = {"rows": rows, "shard": shard if rows else None, "run": run.id}
    name = f"{stage}/done-{rank:05d}.json"
    if _is_local(folder):  # whole or absent: a sibling may be reading the markers right now
        temporary = os.path.join(folder.path, f"{name}.{os.getpid()}.tmp")
        Path(temporary).write_text(json.dumps(marker), encoding="utf-8")
        os.replace(temporary, os.path.join(folder.path, name))
    else:  # an object appears whole when it is closed
        with folder.open(name, "wt", encoding="utf-8") as handle:
            handle.write(json.dumps(marker))
    markers = _markers(folder, stage)
    if len(markers) < world_size:
        return False
    check_one_run(folder, run, markers)
    refuse_duplicate_ids(folder, stage, markers)
    if _is_local(folder):
        return _publish_local(folder, run_id, run, world_size, who)
    _publish_remote(folder, run_id, world_size, markers, who)
    return True


def check_one_run(folder: Any, run: Run, markers: dict[int, dict[str, Any]]) -> None:
    """Refuse to publish unless the staging area and every done marker belong to ``run``."""
    where = folder.fs.unstrip_protocol(folder.path)
    owner = staging_owner(folder)
    if owner is None or owner.get("run") != run.id:
        raise _other_run(where, owner or {"logging_dir": "unknown (its run.json is gone)"})
    strangers = sorted(rank for rank, marker in markers.items() if marker.get("run") != run.id)
    if strangers:
        raise CorpusError(
            f"{where}: the done markers of tasks {', '.join(map(str, strangers))} belong to "
            f"another run than this one (logs at {run.label}); nothing was published: remove "
            f"{where.rstrip('/')}/{output.STAGING_NAME} and run again"
        )


def refuse_duplicate_ids(folder: Any, stage: str, markers: dict[int, dict[str, Any]]) -> None:
    """Refuse to publish a run whose tasks wrote one id twice (each task checks only its own).

    Packed inputs (datatrove's Parquet or JSONL readers) reach the tasks in parts, so only the
    whole run can see a duplicate; nothing is published, and the error names both tasks.
    """
    import pyarrow.parquet as pq

    first_task: dict[str, int] = {}
    for rank, marker in sorted(markers.items()):
        if not marker["shard"] or not folder.exists(f"{stage}/{marker['shard']}"):
            continue
        with folder.open(f"{stage}/{marker['shard']}", "rb") as handle:
            ids = pq.read_table(handle, columns=["id"]).column("id").to_pylist()
        for article_id in ids:
            earlier = first_task.setdefault(article_id, rank)
            if earlier != rank:
                raise CorpusError(
                    f"two rows have the id {article_id!r}: one from task {earlier} and one from "
                    f"task {rank}; nothing was published. Give every article its own id (the "
                    "input has duplicates), then run again"
                )


def _markers(folder: Any, stage: str) -> dict[int, dict[str, Any]]:
    """The done markers of a staging folder, by rank.

    A marker that vanishes while it is read was published meanwhile by a sibling task (the
    staging folder goes with the publication), so it is not counted.
    """
    if not folder.isdir(stage):
        return {}
    found: dict[int, dict[str, Any]] = {}
    for name in folder.list_files(stage):
        base = posixpath.basename(name)
        if base.startswith("done-") and base.endswith(".json"):
            try:
                with folder.open(f"{stage}/{base}", "rt", encoding="utf-8") as handle:
                    found[int(base[5:-5])] = json.loads(handle.read())
            except FileNotFoundError:
                continue
    return found


def _published_name(run_id: str, rank: int, world_size: int) -> str:
    return f"data/train-{run_id}-{rank:05d}-of-{world_size:05d}.parquet"


def _card_files(run_id: str, total: int, shards: int, who: DatasetIdentity) -> dict[str, str]:
    """README.md and croissant.json of a publication (the row count is known now)."""
    fingerprint = f"datatrove-{run_id}"
    pattern = f"data/train-{run_id}-*.parquet"
    card = dataset_card(
        {"train": total}, shards, fingerprint, who=who, data_files={"train": pattern}
    )
    croissant = croissant_metadata(total, fingerprint, who=who)
    return {
        "README.md": card,
        "croissant.json": json.dumps(croissant, ensure_ascii=False, indent=2) + "\n",
    }


def _publish_local(
    folder: Any, run_id: str, run: Run, world_size: int, who: DatasetIdentity
) -> bool:
    """Build the whole hub folder beside OUT and swap it in (under OUT's lock).

    The markers and the run's claim are read again under the lock: what is published is what
    one run staged, complete.
    """
    out = folder.path
    stage = stage_folder(world_size)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(output.claimed(out))
        except output.OutputBusy:
            return False  # another task is publishing this run
        markers = _markers(folder, stage)
        if len(markers) < world_size:
            return False  # published already by a task that finished at the same time
        check_one_run(folder, run, markers)
        with output.replacing_folder(out, overwrite=True) as new:
            (new / "data").mkdir()
            for rank, marker in sorted(markers.items()):
                if marker["shard"]:
                    os.replace(
                        os.path.join(out, stage, marker["shard"]),
                        new / _published_name(run_id, rank, world_size),
                    )
            total = sum(int(m["rows"]) for m in markers.values())
            shards = sum(1 for m in markers.values() if m["shard"])
            for name, text in _card_files(run_id, total, shards, who).items():
                Path(new, name).write_text(text, encoding="utf-8")
    return True


def _publish_remote(
    folder: Any,
    run_id: str,
    world_size: int,
    markers: dict[int, dict[str, Any]],
    who: DatasetIdentity,
) -> None:
    """Move the shards in, write the card last, then remove the previous publication's files."""
    stage = stage_folder(world_size)
    previous: set[str] = set()
    if folder.isfile(output.MANIFEST_NAME):
        with folder.open(output.MANIFEST_NAME, "rt", encoding="utf-8") as handle:
            previous = output.read_manifest(handle.read()) or set()
    written: list[str] = []
    for rank, marker in sorted(markers.items()):
        if marker["shard"]:
            target = _published_name(run_id, rank, world_size)
            staged = f"{stage}/{marker['shard']}"
            if folder.exists(staged):
                folder.mv(staged, target)
            written.append(target)
    total = sum(int(m["rows"]) for m in markers.values())
    for name, text in _card_files(run_id, total, len(written), who).items():
        with folder.open(name, "wt", encoding="utf-8") as handle:
            handle.write(text)
        written.append(name)
    with folder.open(output.MANIFEST_NAME, "wt", encoding="utf-8") as handle:
        handle.write(output.manifest_text(written))
    for stale in sorted(previous - set(written)):
        if folder.exists(stale):
            folder.rm(stale)
    if folder.exists(output.STAGING_NAME):
        folder.rm(output.STAGING_NAME, recursive=True)
