"""PEP 517 / PEP 660 build backend for the ``fiberwise`` package, standard library only.

Why a hand-written packer: ``pip install --no-index --no-build-isolation`` in a fresh virtual
environment has pip and an old setuptools (65.x on Python 3.11) but no ``wheel`` package, and no
index to fetch it from. setuptools older than 70.1 cannot build a wheel without ``wheel``
(``error: invalid command 'bdist_wheel'``), so a plain setuptools project does not install there.

So: when setuptools can build wheels (``wheel`` importable, or setuptools >= 70.1), every hook is
handed to ``setuptools.build_meta``. Otherwise this module packs the wheel itself: the package files,
``METADATA``, ``WHEEL``, ``top_level.txt`` and a ``RECORD`` with sha256 hashes (so that ``pip
uninstall`` removes exactly what was installed), an sdist with ``tarfile``, and an editable wheel
that is a single ``.pth`` file pointing at ``src``. Both paths read the metadata from the
``[project]`` table of ``pyproject.toml``; Python 3.10 has no ``tomllib``, so a small parser for
the subset that file uses is below. ``FIBERWISE_BUILD_PACKER=1`` forces the packer.
"""

from __future__ import annotations

import base64
import fnmatch
import gzip
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = "fiberwise_build"

ConfigSettings = Optional[Dict[str, Any]]


# ---------------------------------------------------------------------------------------------
# pyproject.toml: a TOML subset (tables, dotted and quoted keys, basic and literal one-line
# strings, integers, booleans, arrays over several lines, one-line inline tables, comments)


class TomlSubsetError(ValueError):
    """pyproject.toml uses TOML this parser does not read (keep it to the subset above)."""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"[+-]?[0-9][0-9_]*")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _TomlReader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, what: str) -> TomlSubsetError:
        line = self.text.count("\n", 0, self.pos) + 1
        return TomlSubsetError(f"pyproject.toml line {line}: {what}")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t"):
            self.pos += 1

    def skip_comment(self) -> None:
        if self.peek() == "#":
            while self.peek() not in ("\n", ""):
                self.pos += 1

    def skip_blank(self) -> None:
        """Spaces, comments and newlines (between statements and inside arrays)."""
        while True:
            self.skip_spaces()
            self.skip_comment()
            if self.peek() in ("\n", "\r"):
                self.pos += 1
                continue
            return

    def end_of_line(self) -> None:
        self.skip_spaces()
        self.skip_comment()
        if self.peek() == "\r":
            self.pos += 1
        if self.peek() not in ("\n", ""):
            raise self.fail(f"unexpected {self.peek()!r}")

    def expect(self, char: str) -> None:
        self.skip_spaces()
        if self.peek() != char:
            raise self.fail(f"expected {char!r}")
        self.pos += 1

    def key(self) -> List[str]:
        parts: List[str] = []
        while True:
            self.skip_spaces()
            if self.peek() in ('"', "'"):
                parts.append(self.string())
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if not match:
                    raise self.fail("expected a key")
                parts.append(match.group())
                self.pos = match.end()
            self.skip_spaces()
            if self.peek() != ".":
                return parts
            self.pos += 1

    def string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            raise self.fail("multi-line strings are not supported")
        self.pos += 1
        out: List[str] = []
        while True:
            char = self.peek()
            if char in ("", "\n"):
                raise self.fail("unterminated string")
            self.pos += 1
            if char == quote:
                return "".join(out)
            if char == "\\" and quote == '"':
                code = self.peek()
                self.pos += 1
                if code in _ESCAPES:
                    out.append(_ESCAPES[code])
                elif code in ("u", "U"):
                    width = 4 if code == "u" else 8
                    digits = self.text[self.pos : self.pos + width]
                    if not re.fullmatch(r"[0-9A-Fa-f]+", digits) or len(digits) != width:
                        raise self.fail("bad unicode escape")
                    out.append(chr(int(digits, 16)))
                    self.pos += width
                else:
                    raise self.fail(f"unknown escape \\{code}")
            else:
                out.append(char)

    def value(self) -> Any:
        self.skip_spaces()
        char = self.peek()
        if char in ('"', "'"):
            return self.string()
        if char == "[":
            self.pos += 1
            items: List[Any] = []
            while True:
                self.skip_blank()
                if self.peek() == "]":
                    self.pos += 1
                    return items
                items.append(self.value())
                self.skip_blank()
                if self.peek() == ",":
                    self.pos += 1
                elif self.peek() != "]":
                    raise self.fail("expected ',' or ']' in an array")
        if char == "{":
            self.pos += 1
            table: Dict[str, Any] = {}
            self.skip_spaces()
            if self.peek() == "}":
                self.pos += 1
                return table
            while True:
                keys = self.key()
                self.expect("=")
                _assign(table, keys, self.value(), self.fail)
                self.skip_spaces()
                if self.peek() == ",":
                    self.pos += 1
                elif self.peek() == "}":
                    self.pos += 1
                    return table
                else:
                    raise self.fail("expected ',' or '}' in an inline table")
        for word, meaning in (("true", True), ("false", False)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return meaning
        match = _NUMBER.match(self.text, self.pos)
        if match and not re.match(r"[.eE:-]", self.text[match.end() : match.end() + 1]):
            self.pos = match.end()
            return int(match.group().replace("_", ""))
        raise self.fail("unsupported value (use strings, integers, booleans, arrays or inline tables)")

    def document(self) -> Dict[str, Any]:
        root: Dict[str, Any] = {}
        table = root
        while True:
            self.skip_blank()
            if not self.peek():
                return root
            if self.peek() == "[":
                if self.text.startswith("[[", self.pos):
                    raise self.fail("arrays of tables are not supported")
                self.pos += 1
                keys = self.key()
                self.expect("]")
                table = root
                for part in keys:
                    table = _subtable(table, part, self.fail)
            else:
                keys = self.key()
                self.expect("=")
                _assign(table, keys, self.value(), self.fail)
            self.end_of_line()


def _table(value: Any) -> Optional[Dict[str, Any]]:
    return cast(Dict[str, Any], value) if isinstance(value, dict) else None


def _subtable(table: Dict[str, Any], part: str, fail: Callable[[str], TomlSubsetError]) -> Dict[str, Any]:
    child = _table(table.setdefault(part, {}))
    if child is None:
        raise fail(f"{part} is not a table")
    return child


def _assign(table: Dict[str, Any], keys: List[str], value: Any, fail: Callable[[str], TomlSubsetError]) -> None:
    for part in keys[:-1]:
        table = _subtable(table, part, fail)
    if keys[-1] in table:
        raise fail(f"{keys[-1]} is defined twice")
    table[keys[-1]] = value


def parse_toml_subset(text: str) -> Dict[str, Any]:
    """Parse the TOML subset pyproject.toml keeps to (see the module docstring)."""
    return _TomlReader(text).document()


# ---------------------------------------------------------------------------------------------
# Metadata from [project]


class Project:
    """What the packer needs from pyproject.toml."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        document = parse_toml_subset((root / "pyproject.toml").read_text(encoding="utf-8"))
        project = _table(document.get("project"))
        if project is None:
            raise TomlSubsetError("pyproject.toml has no [project] table")
        self.project: Dict[str, Any] = project
        if project.get("dynamic"):
            raise TomlSubsetError("the packer does not support dynamic metadata")
        self.name: str = project["name"]
        self.version: str = project["version"]
        tool = _table(document.get("tool")) or {}
        setuptools_table = _table(tool.get("setuptools")) or {}
        package_dir = _table(setuptools_table.get("package-dir")) or {}
        self.package_dir = root / str(package_dir.get("", "."))
        self.packages: List[str] = list(setuptools_table.get("packages", []))
        self.package_data: Dict[str, List[str]] = _table(setuptools_table.get("package-data")) or {}
        if not self.packages:
            raise TomlSubsetError("[tool.setuptools] packages must list the packages to ship")

    @property
    def wheel_name(self) -> str:
        """The distribution name as wheel and sdist file names spell it (PEP 427, PEP 625)."""
        return re.sub(r"[-_.]+", "_", self.name).lower()

    @property
    def dist_info(self) -> str:
        """The name of the wheel's .dist-info directory."""
        return f"{self.wheel_name}-{self.version}.dist-info"

    def metadata(self) -> str:
        """The core metadata file (METADATA in the wheel, PKG-INFO in the sdist), version 2.1."""
        p = self.project
        lines = ["Metadata-Version: 2.1", f"Name: {self.name}", f"Version: {self.version}"]
        if p.get("description"):
            lines.append(f"Summary: {p['description']}")
        for person_field, header in (("authors", "Author-email"), ("maintainers", "Maintainer-email")):
            people = [f"{x['name']} <{x['email']}>" if x.get("name") else x["email"] for x in p.get(person_field, []) if x.get("email")]
            if people:
                lines.append(f"{header}: {', '.join(people)}")
        license_value: Any = p.get("license")
        license_table = _table(license_value)
        if license_table and license_table.get("text"):
            lines.append(f"License: {license_table['text']}")
        elif isinstance(license_value, str):
            lines.append(f"License-Expression: {license_value}")
        if p.get("keywords"):
            lines.append(f"Keywords: {','.join(p['keywords'])}")
        for label, url in p.get("urls", {}).items():
            lines.append(f"Project-URL: {label}, {url}")
        lines.extend(f"Classifier: {c}" for c in p.get("classifiers", []))
        if p.get("requires-python"):
            lines.append(f"Requires-Python: {p['requires-python']}")
        lines.extend(f"Requires-Dist: {d}" for d in p.get("dependencies", []))
        body = ""
        readme = p.get("readme")
        if readme:
            path = readme if isinstance(readme, str) else readme["file"]
            suffix = Path(path).suffix.lower()
            content_type = {".md": "text/markdown", ".rst": "text/x-rst"}.get(suffix, "text/plain")
            lines.append(f"Description-Content-Type: {content_type}")
            body = (self.root / path).read_text(encoding="utf-8")
        return "\n".join(lines) + "\n\n" + body

    def package_files(self) -> List[Tuple[str, Path]]:
        """(archive name, file) for every module and package-data file, sorted."""
        files: List[Tuple[str, Path]] = []
        for package in self.packages:
            directory = self.package_dir / package.replace(".", "/")
            patterns = ["*.py", *self.package_data.get(package, [])]
            for path in sorted(directory.rglob("*")):
                relative = path.relative_to(self.package_dir).as_posix()
                if not path.is_file() or "__pycache__" in path.parts:
                    continue
                if any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns):
                    files.append((relative, path))
        return files

    def dist_info_files(self) -> Dict[str, bytes]:
        """The .dist-info files other than RECORD."""
        top_level = sorted({package.split(".")[0] for package in self.packages})
        wheel = f"Wheel-Version: 1.0\nGenerator: {GENERATOR}\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        return {
            "METADATA": self.metadata().encode("utf-8"),
            "WHEEL": wheel.encode("utf-8"),
            "top_level.txt": ("\n".join(top_level) + "\n").encode("utf-8"),
        }


# ---------------------------------------------------------------------------------------------
# The packer


def _epoch() -> int:
    """Reproducible archives: SOURCE_DATE_EPOCH when set, else 1980-01-01 (zip's earliest date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return max(int(epoch), 315532800) if epoch.isdigit() else 315532800


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def _write_wheel(project: Project, directory: str, entries: List[Tuple[str, bytes]]) -> str:
    """Zip `entries` plus the .dist-info files and a RECORD listing every file with its hash and size."""
    filename = f"{project.wheel_name}-{project.version}-py3-none-any.whl"
    entries = entries + [(f"{project.dist_info}/{name}", data) for name, data in project.dist_info_files().items()]
    record_name = f"{project.dist_info}/RECORD"
    record = io.StringIO()
    for name, data in entries:
        record.write(f"{name},{_record_hash(data)},{len(data)}\n")
    record.write(f"{record_name},,\n")
    entries.append((record_name, record.getvalue().encode("utf-8")))
    stamp = time.gmtime(_epoch())[:6]
    with zipfile.ZipFile(Path(directory) / filename, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return filename


def _pack_wheel(directory: str) -> str:
    project = Project()
    return _write_wheel(project, directory, [(name, path.read_bytes()) for name, path in project.package_files()])


def _pack_editable(directory: str) -> str:
    # A .pth line puts src/ on sys.path: edits to the sources show without reinstalling.
    project = Project()
    pth = f"{project.package_dir.resolve()}\n".encode("utf-8")
    return _write_wheel(project, directory, [(f"__editable__.{project.wheel_name}-{project.version}.pth", pth)])


def _pack_metadata(directory: str) -> str:
    project = Project()
    target = Path(directory) / project.dist_info
    target.mkdir(parents=True, exist_ok=True)
    for name, data in project.dist_info_files().items():
        (target / name).write_bytes(data)
    return project.dist_info


def _sdist_files(project: Project) -> List[Path]:
    root = project.root
    wanted = ["pyproject.toml", "README.md", "MANIFEST.in", "build_backend/*.py", "tests/*.py"]
    files = {path for pattern in wanted for path in root.glob(pattern) if path.is_file()}
    files.update(path for _, path in project.package_files())
    return sorted(files)


def _pack_sdist(directory: str) -> str:
    project = Project()
    base = f"{project.wheel_name}-{project.version}"
    stamp = _epoch()
    entries = [(f"{base}/PKG-INFO", project.metadata().encode("utf-8"))]
    entries += [(f"{base}/{path.relative_to(project.root).as_posix()}", path.read_bytes()) for path in _sdist_files(project)]
    filename = f"{base}.tar.gz"
    with open(Path(directory) / filename, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=stamp) as zipped:
            with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive:
                for name, data in entries:
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    info.mode = 0o644
                    info.mtime = stamp
                    archive.addfile(info, io.BytesIO(data))
    return filename


# ---------------------------------------------------------------------------------------------
# Which path: setuptools when it can build wheels here, else the packer


def _version_tuple(text: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def uses_setuptools() -> bool:
    """True when setuptools (>= 61, for [project]) can build a wheel in this environment."""
    if os.environ.get("FIBERWISE_BUILD_PACKER") == "1":
        return False
    try:
        import setuptools
    except ImportError:
        return False
    version = _version_tuple(getattr(setuptools, "__version__", "0"))
    if version < (61,):
        return False
    return version >= (70, 1) or find_spec("wheel") is not None


def _setuptools() -> Any:
    import setuptools.build_meta

    return setuptools.build_meta


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> List[str]:
    """PEP 517: extra requirements to build a wheel (none for the packer)."""
    return list(_setuptools().get_requires_for_build_wheel(config_settings)) if uses_setuptools() else []


def get_requires_for_build_sdist(config_settings: ConfigSettings = None) -> List[str]:
    """PEP 517: extra requirements to build an sdist (none for the packer)."""
    return list(_setuptools().get_requires_for_build_sdist(config_settings)) if uses_setuptools() else []


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> List[str]:
    """PEP 660: extra requirements to build an editable wheel (none for the packer)."""
    return list(_setuptools().get_requires_for_build_editable(config_settings)) if uses_setuptools() else []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: ConfigSettings = None) -> str:
    """PEP 517: write the .dist-info directory and return its name."""
    if uses_setuptools():
        return str(_setuptools().prepare_metadata_for_build_wheel(metadata_directory, config_settings))
    return _pack_metadata(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory: str, config_settings: ConfigSettings = None) -> str:
    """PEP 660: the same metadata as the wheel's."""
    if uses_setuptools():
        return str(_setuptools().prepare_metadata_for_build_editable(metadata_directory, config_settings))
    return _pack_metadata(metadata_directory)


def build_wheel(wheel_directory: str, config_settings: ConfigSettings = None, metadata_directory: Optional[str] = None) -> str:
    """PEP 517: build the wheel into wheel_directory and return its file name."""
    if uses_setuptools():
        return str(_setuptools().build_wheel(wheel_directory, config_settings, metadata_directory))
    return _pack_wheel(wheel_directory)


def build_editable(wheel_directory: str, config_settings: ConfigSettings = None, metadata_directory: Optional[str] = None) -> str:
    """PEP 660: build an editable wheel (a .pth pointing at src/) and return its file name."""
    if uses_setuptools():
        return str(_setuptools().build_editable(wheel_directory, config_settings, metadata_directory))
    return _pack_editable(wheel_directory)


def build_sdist(sdist_directory: str, config_settings: ConfigSettings = None) -> str:
    """PEP 517: build the source distribution (.tar.gz) and return its file name."""
    if uses_setuptools():
        return str(_setuptools().build_sdist(sdist_directory, config_settings))
    return _pack_sdist(sdist_directory)
