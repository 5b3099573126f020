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
import json
import os
import posixpath
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


def check_output_folder(folder: Any, where: str) -> None:
    """Refuse, when the writer is made, an OUT holding foreign files or one not writable."""
    listed = None
    if folder.isfile(output.MANIFEST_NAME):
        with folder.open(output.MANIFEST_NAME, "rt", encoding="utf-8") as handle:
            listed = output.read_manifest(handle.read())
    files = folder.find("", withdirs=False) if folder.isdir("") else []
    output.refuse_foreign(where, output.foreign_among(files, listed))
    if _is_local(folder):
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
    rank: int,
    world_size: int,
    rows: int,
    who: DatasetIdentity,
) -> bool:
    """Mark a task done; publish when every task of the run is. Returns whether it published."""
    stage = stage_folder(world_size)
    shard = f"train-{run_id}-{rank:05d}.parquet"
    marker = {"rows": rows, "shard": shard if rows else None}
    with folder.open(f"{stage}/done-{rank:05d}.json", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(marker))
    markers = _markers(folder, stage)
    if len(markers) < world_size:
        return False
    refuse_duplicate_ids(folder, stage, markers)
    if _is_local(folder):
        return _publish_local(folder, run_id, world_size, who)
    _publish_remote(folder, run_id, world_size, markers, who)
    return True


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
    """The done markers of a staging folder, by rank."""
    if not folder.isdir(stage):
        return {}
    found: dict[int, dict[str, Any]] = {}
    for name in folder.list_files(stage):
        base = posixpath.basename(name)
        if base.startswith("done-") and base.endswith(".json"):
            with folder.open(f"{stage}/{base}", "rt", encoding="utf-8") as handle:
                found[int(base[5:-5])] = json.loads(handle.read())
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


def _publish_local(folder: Any, run_id: str, world_size: int, who: DatasetIdentity) -> bool:
    """Build the whole hub folder beside OUT and swap it in (under OUT's lock)."""
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
