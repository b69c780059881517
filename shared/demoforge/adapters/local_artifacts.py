"""``ArtifactStore`` on the local file system: one folder per job (the demo pack).

The folder is ``<home>/jobs/<job_id>`` unless the job was linked to one a person chose
(``demoforge run --out DIR``). A teardown removes the whole folder in the first case; in
the second only the demo pack's own entries (``domain.artifacts.PACK_ENTRIES``) go, and
the folder itself when nothing else is left in it.
"""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

from demoforge.domain.artifacts import PACK_ENTRIES
from demoforge.domain.errors import InvalidInput, NotFound


def _safe_name(name: str) -> str:
    parts = Path(name).parts
    if not parts or name.startswith("/") or any(p in ("..", "") for p in parts):
        raise InvalidInput(f"invalid artifact name {name!r}")
    return name


class LocalArtifactStore:
    def __init__(self, root: Path, overrides: dict[str, Path] | None = None) -> None:
        self.root = Path(root)
        # job_id -> folder, so `demoforge run --out DIR` writes the pack where asked.
        self.overrides: dict[str, Path] = dict(overrides or {})

    def link(self, job_id: str, folder: Path) -> None:
        """Keep ``job_id``'s files in ``folder`` (e.g. ``demoforge run --out DIR``), and
        remember it so later commands (``demoforge delete``) find the pack again."""
        folder = Path(folder).resolve()
        self.overrides[job_id] = folder
        links = self.root / "links"
        links.mkdir(parents=True, exist_ok=True)
        (links / f"{_safe_name(job_id)}.path").write_text(str(folder), encoding="utf-8")

    def _folder(self, job_id: str) -> Path:
        if job_id in self.overrides:
            return self.overrides[job_id]
        link = self.root / "links" / f"{_safe_name(job_id)}.path"
        if link.is_file():
            return Path(link.read_text(encoding="utf-8").strip())
        return self.root / "jobs" / _safe_name(job_id)

    def workdir(self, job_id: str) -> Path:
        d = self._folder(job_id)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def _path(self, job_id: str, name: str) -> Path:
        return self.workdir(job_id) / _safe_name(name)

    def put(self, job_id: str, name: str, data: bytes, content_type: str = "application/json") -> str:
        p = self._path(job_id, name)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(p)  # atomic: a reader never sees half a file
        return str(p)

    def get(self, job_id: str, name: str) -> bytes:
        p = self._path(job_id, name)
        if not p.is_file():
            raise NotFound(f"artifact {name} of job {job_id} not found")
        return p.read_bytes()

    def list(self, job_id: str) -> builtins.list[str]:
        d = self.workdir(job_id)
        return sorted(
            str(p.relative_to(d)) for p in d.rglob("*") if p.is_file() and not p.name.endswith(".tmp")
        )

    def delete_job(self, job_id: str) -> int:
        folder = self._folder(job_id)
        link = self.root / "links" / f"{_safe_name(job_id)}.path"
        owned = folder == self.root / "jobs" / _safe_name(job_id)
        removed = 0
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                base = entry.name.removesuffix(".tmp").removesuffix(".wal")
                if not owned and entry.name not in PACK_ENTRIES and base not in PACK_ENTRIES:
                    continue  # not ours: a file the person keeps next to the pack
                if entry.is_dir() and not entry.is_symlink():
                    removed += sum(1 for p in entry.rglob("*") if p.is_file())
                    shutil.rmtree(entry)
                else:
                    removed += 1
                    entry.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()
        link.unlink(missing_ok=True)
        return removed
