"""The build cache: what a rebuild takes from the last build instead of making it again.

A folder beside the output (`.build-cache/` beside `site/`), ignored by git and safe to
delete at any time. It holds

- `parsed/`: each YAML file as parsed (data and the line of every field), keyed by the
  digest of its bytes: a rebuild re-parses only the files that changed;
- `findings/<context>.pickle`: what the order-only vetting rules found in each order
  (vetting/rules.py ORDER_ONLY_RULES), keyed by the order file's path and digest: a rebuild
  vets anew only the orders that changed, and runs the rules that look across orders, at
  git history or at signatures over all of them as before;
- `pages/<context>/<lang>/`: the rendered body of each job page and poster, keyed by the
  digest of the order's file and its state (open, closed, expired). `<context>` is the
  digest of everything else a page can show — every source file except the job orders
  (site_config.yml, agencies, countries, reviewers, courses, pages, theme) and the build
  date — so an edit there starts a new context and every page is rendered anew.

Everything sits under the digest of the generator's own code and the versions of the
libraries that shape output, so a new version of either never sees an old entry. Lists
(vacancy lists, feeds, indexes, the hall) are made anew at every build: they list every
order.

Entries are written to a temporary name and renamed into place, so a killed build leaves
every entry whole or absent; entries no build used are removed only after a build
succeeds. A cached build is byte-identical to a clean one (tests/test_cache.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import multiprocessing
import os
import pickle
import shutil
import tempfile
from pathlib import Path

FOLDER = ".build-cache"
_GENERATOR = Path(__file__).resolve().parent.parent
# Libraries whose version can change what a page or a parsed file looks like.
_LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "nh3", "pyyaml", "pydantic", "segno")


def folder_for(out: Path) -> Path:
    return out.resolve().parent / FOLDER


def _digest_files(paths, base: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(base).as_posix().encode() + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:     # unreadable: check reports it with its file name; the key only must differ
            h.update(b"\0unreadable")
    return h.hexdigest()


def version_digest() -> str:
    """The generator's code and templates, and the libraries' versions."""
    files = sorted(p for p in _GENERATOR.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix != ".pyc")
    h = hashlib.sha256(_digest_files(files, _GENERATOR).encode())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    return h.hexdigest()


def context_digest(root: Path, today: dt.date) -> str:
    """Every source file a job page or poster can show, except the job orders themselves,
    and the build date."""
    jobs = root / "content" / "jobs"
    files = [root / "site_config.yml"] if (root / "site_config.yml").is_file() else []
    for top in ("content", "courses", "theme"):
        files += [p for p in (root / top).rglob("*") if p.is_file() and jobs not in p.parents]
    return hashlib.sha256((_digest_files(sorted(files), root) + today.isoformat()).encode()).hexdigest()


class BuildCache:
    """`persist=False` (build --clean): nothing is read from or written to the folder; the
    cache then only carries the files parsed in parallel (`prefetch`) to the loader."""

    def __init__(self, folder: Path, root: Path, today: dt.date, persist: bool = True):
        self.folder, self.persist = folder, persist
        self.base = folder / version_digest()[:24]
        self.context = context_digest(root, today)[:24]
        self.used: set[Path] = set()
        self._memory: dict[Path, bytes] = {}

    # ---- storage ---------------------------------------------------------------
    def _read(self, path: Path) -> bytes | None:
        if not self.persist:
            return self._memory.pop(path, None)
        self.used.add(path)
        try:
            return path.read_bytes()
        except OSError:
            return None     # missing, unreadable or not a file: a miss, never a failed build

    def _write(self, path: Path, data: bytes) -> None:
        if not self.persist:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return          # a cache folder that cannot be written is a cache that misses
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            # Pruned by another build sharing this cache, or the disk is full: the entry is
            # not kept, and the build goes on without it.
            Path(tmp).unlink(missing_ok=True)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @staticmethod
    def _name(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    # ---- parsed YAML (source/load.py) ---------------------------------------------
    def _parsed_path(self, raw: bytes, shown: str) -> Path:
        name = hashlib.sha256(shown.encode() + b"\0" + raw).hexdigest()
        return self.base / "parsed" / name[:2] / name

    def parsed(self, raw: bytes, shown: str, parse):
        """The Doc of a file's bytes: from the cache, or `parse()` and remember it. Only
        files that parse are kept; a file with a mistake is parsed (and reported) again."""
        path = self._parsed_path(raw, shown)
        data = self._read(path)
        if data is not None:
            try:
                return pickle.loads(data)
            except Exception:   # a damaged entry (a disk error, a hand edit): parse again
                pass
        doc = parse()
        if dataclasses.is_dataclass(doc) and hasattr(doc, "root"):
            # The YAML node tree is only for writing approvals back; a build never needs it.
            doc = dataclasses.replace(doc, root=None)
            self._write(path, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        return doc

    def prefetch(self, files: list[tuple[Path, str]]) -> None:
        """Parse, on every core, the files (path, shown path) the cache does not hold yet:
        a first build of a province's thousands of orders is not bound to one core."""
        todo = []
        for file, shown in files:
            try:
                raw = file.read_bytes()
            except OSError:
                continue
            path = self._parsed_path(raw, shown)
            if not (self.persist and path.is_file()):
                todo.append((raw, shown, path))
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) < 200 or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return      # not worth starting processes: the loader parses them as it goes
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_parse_one, [(raw, shown) for raw, shown, _ in todo], chunksize=64)
        for (_, _, path), data in zip(todo, done):
            if data is not None:
                if self.persist:
                    self._write(path, data)
                else:
                    self._memory[path] = data

    # ---- vetting findings (vetting/verdicts.py) --------------------------------------
    def _findings_path(self) -> Path:
        return self.base / "findings" / f"{self.context}.pickle"

    def findings(self) -> dict:
        """The order-only findings of the last build in this context (empty when none)."""
        data = self._read(self._findings_path())
        if data is not None:
            try:
                found = pickle.loads(data)
                if isinstance(found, dict):
                    return found
            except Exception:   # a damaged entry: vet every order again
                pass
        return {}

    def keep_findings(self, used: dict) -> None:
        """This build's findings, for the next build (only the orders of this build)."""
        self._write(self._findings_path(), pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))

    # ---- rendered bodies (render/renderer.py) ---------------------------------------
    def recall(self, lang: str, key: str, make) -> str:
        if not self.persist:
            return make()
        name = self._name(key)
        path = self.base / "pages" / self.context / lang / name[:2] / name
        data = self._read(path)
        if data is not None:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:  # a damaged entry: render again
                pass
        text = make()
        self._write(path, text.encode("utf-8"))
        return text

    # ---- after a successful build ---------------------------------------------------
    def prune_pages(self, lang: str) -> None:
        """Drop this language's bodies no page of this build used (run where they were used)."""
        if self.persist:
            _prune(self.base / "pages" / self.context / lang, self.used)

    def finish(self) -> None:
        """Drop other versions and contexts, and parsed files no longer in the tree."""
        if not self.persist:
            return
        for other in self.folder.iterdir() if self.folder.is_dir() else ():
            if other != self.base:
                shutil.rmtree(other, ignore_errors=True)
        pages = self.base / "pages"
        for other in pages.iterdir() if pages.is_dir() else ():
            if other.name != self.context:
                shutil.rmtree(other, ignore_errors=True)
        _prune(self.base / "parsed", self.used)
        findings = self.base / "findings"
        try:
            for other in findings.iterdir() if findings.is_dir() else ():
                if other != self._findings_path():
                    other.unlink(missing_ok=True)
        except OSError:
            pass


def _parse_one(item: tuple[bytes, str]) -> bytes | None:
    """In a worker: the pickled Doc of one file's bytes, None if it does not parse (the
    loader parses it again and reports the mistake)."""
    from generator.source.yamlload import MAX_BYTES, Doc, parse
    raw, shown = item
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    doc = parse(text, shown) if len(raw) <= MAX_BYTES else None
    if not isinstance(doc, Doc):
        return None
    return pickle.dumps(dataclasses.replace(doc, root=None), protocol=pickle.HIGHEST_PROTOCOL)


def _prune(folder: Path, used: set[Path]) -> None:
    """Best effort: housekeeping runs after the new site is in place and must not fail it."""
    try:
        for shard in folder.iterdir() if folder.is_dir() else ():
            for entry in shard.iterdir() if shard.is_dir() else ():
                if entry not in used:      # unused entries and temporary files of killed builds
                    entry.unlink(missing_ok=True)
    except OSError:
        pass
