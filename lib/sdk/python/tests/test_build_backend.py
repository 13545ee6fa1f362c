"""Unit tests of the in-tree build backend: the TOML subset, the wheel, the sdist and the editable wheel."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import os
import sys
import tarfile
import tempfile
import types
import unittest
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import fiberwise

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def load_backend(root: Path = PACKAGE_ROOT, name: str = "fiberwise_build_under_test") -> Any:
    spec = importlib.util.spec_from_file_location(name, root / "build_backend" / "fiberwise_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


backend = load_backend()


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


class TomlSubsetTest(unittest.TestCase):
    def test_reads_pyproject_like_tomllib(self) -> None:
        text = (PACKAGE_ROOT / "pyproject.toml").read_text(encoding="utf-8")
        parsed = backend.parse_toml_subset(text)
        self.assertEqual(parsed["project"]["name"], "fiberwise")
        if sys.version_info >= (3, 11):
            import tomllib

            self.assertEqual(parsed, tomllib.loads(text))

    def test_the_subset(self) -> None:
        text = '''# comment
[a.b]  # trailing
s = "x\\"y\\u00e9\\n"   # comment
l = 'C:\\path'
"quoted key" = [
  "one", # comment
  'two',
]
t = { text = "MIT", "" = "src" }
n = 1_000
yes = true
e = []
'''
        self.assertEqual(backend.parse_toml_subset(text), {"a": {"b": {
            "s": 'x"yé\n', "l": "C:\\path", "quoted key": ["one", "two"], "t": {"text": "MIT", "": "src"}, "n": 1000, "yes": True, "e": [],
        }}})

    def test_unsupported_toml_is_an_error(self) -> None:
        for text in ('a = """x"""', "[[a]]\nb = 1", "a = 1.5", "a = 1979-05-27", 'a = "x', "a = 1\na = 2", "a = [1 2]", "a = 1 b"):
            with self.assertRaises(backend.TomlSubsetError, msg=text):
                backend.parse_toml_subset(text)


class PackerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.out = tempfile.TemporaryDirectory()
        self.addCleanup(self.out.cleanup)
        patcher = mock.patch.dict(os.environ, {"FIBERWISE_BUILD_PACKER": "1"})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_wheel(self) -> None:
        self.assertEqual(backend.get_requires_for_build_wheel(), [])
        name = backend.build_wheel(self.out.name)
        version = backend.Project().version
        self.assertEqual(name, f"fiberwise-{version}-py3-none-any.whl")
        with zipfile.ZipFile(Path(self.out.name) / name) as wheel:
            names = wheel.namelist()
            files = {n: wheel.read(n) for n in names}
        dist_info = f"fiberwise-{version}.dist-info"
        self.assertIn("fiberwise/__init__.py", names)
        self.assertIn("fiberwise/py.typed", names)
        self.assertFalse([n for n in names if "__pycache__" in n or n.endswith(".pyc") or n.startswith("tests/")])
        self.assertEqual(
            sorted(n for n in names if n.startswith(dist_info)),
            sorted(f"{dist_info}/{f}" for f in ("METADATA", "WHEEL", "top_level.txt", "RECORD")),
        )
        rows = [line.split(",") for line in files[f"{dist_info}/RECORD"].decode().splitlines()]
        self.assertEqual(sorted(row[0] for row in rows), sorted(names))
        for path, digest, size in rows:
            if path.endswith("RECORD"):
                self.assertEqual((digest, size), ("", ""))
            else:
                self.assertEqual((digest, int(size)), (record_hash(files[path]), len(files[path])), path)
        wheel_file = files[f"{dist_info}/WHEEL"].decode()
        self.assertIn("Root-Is-Purelib: true", wheel_file)
        self.assertIn("Tag: py3-none-any", wheel_file)
        self.assertEqual(files[f"{dist_info}/top_level.txt"], b"fiberwise\n")
        metadata = files[f"{dist_info}/METADATA"].decode()
        for line in ("Metadata-Version: 2.1", "Name: fiberwise", f"Version: {version}", "Requires-Python: >=3.10",
                     "License: Apache-2.0", "Description-Content-Type: text/markdown", "Classifier: Typing :: Typed"):
            self.assertIn(line + "\n", metadata)
        self.assertIn("\n\n# fiberwise", metadata)
        source = (PACKAGE_ROOT / "src" / "fiberwise" / "client.py").read_bytes()
        self.assertEqual(files["fiberwise/client.py"], source)

    def test_prepared_metadata_is_the_wheels(self) -> None:
        directory = backend.prepare_metadata_for_build_wheel(self.out.name)
        prepared = (Path(self.out.name) / directory / "METADATA").read_bytes()
        with zipfile.ZipFile(Path(self.out.name) / backend.build_wheel(self.out.name)) as wheel:
            self.assertEqual(wheel.read(f"{directory}/METADATA"), prepared)

    def test_builds_are_reproducible(self) -> None:
        first = (Path(self.out.name) / backend.build_wheel(self.out.name)).read_bytes()
        with tempfile.TemporaryDirectory() as again:
            self.assertEqual((Path(again) / backend.build_wheel(again)).read_bytes(), first)

    def test_editable_wheel_points_at_src(self) -> None:
        name = backend.build_editable(self.out.name)
        with zipfile.ZipFile(Path(self.out.name) / name) as wheel:
            pth = [n for n in wheel.namelist() if n.endswith(".pth")]
            self.assertEqual(len(pth), 1)
            self.assertEqual(wheel.read(pth[0]).decode().strip(), str((PACKAGE_ROOT / "src").resolve()))
            self.assertFalse([n for n in wheel.namelist() if n.startswith("fiberwise/")])

    def test_sdist_builds_a_wheel_again(self) -> None:
        name = backend.build_sdist(self.out.name)
        version = backend.Project().version
        self.assertEqual(name, f"fiberwise-{version}.tar.gz")
        with tarfile.open(Path(self.out.name) / name) as sdist:
            members = sdist.getnames()
            for wanted in ("PKG-INFO", "pyproject.toml", "README.md", "build_backend/fiberwise_build.py", "src/fiberwise/py.typed", "tests/test_client.py"):
                self.assertIn(f"fiberwise-{version}/{wanted}", members)
            self.assertFalse([m for m in members if "__pycache__" in m])
            sdist.extractall(self.out.name, filter="data") if hasattr(tarfile, "data_filter") else sdist.extractall(self.out.name)
        unpacked = load_backend(Path(self.out.name) / f"fiberwise-{version}", "fiberwise_build_from_sdist")
        with tempfile.TemporaryDirectory() as wheels:
            self.assertTrue(unpacked.build_wheel(wheels).endswith(".whl"))


class DelegationTest(unittest.TestCase):
    def uses_setuptools(self, version: str, wheel: bool) -> bool:
        fake = types.ModuleType("setuptools")
        fake.__version__ = version  # type: ignore[attr-defined]
        with mock.patch.dict(sys.modules, {"setuptools": fake}), mock.patch.dict(os.environ, {"FIBERWISE_BUILD_PACKER": ""}):
            with mock.patch.object(backend, "find_spec", lambda name: object() if wheel and name == "wheel" else None):
                return bool(backend.uses_setuptools())

    def test_setuptools_only_when_it_can_build_wheels(self) -> None:
        self.assertTrue(self.uses_setuptools("70.1.0", wheel=False))
        self.assertTrue(self.uses_setuptools("65.5.0", wheel=True))
        self.assertFalse(self.uses_setuptools("65.5.0", wheel=False))
        self.assertFalse(self.uses_setuptools("60.0.0", wheel=True))
        with mock.patch.dict(os.environ, {"FIBERWISE_BUILD_PACKER": "1"}):
            self.assertFalse(backend.uses_setuptools())


class InstalledTest(unittest.TestCase):
    """Meaningful once the package is installed (the Playwright spec installs it in a fresh venv)."""

    def test_installed_version_and_record(self) -> None:
        try:
            distribution = importlib.metadata.distribution("fiberwise")
        except importlib.metadata.PackageNotFoundError:
            self.skipTest("fiberwise is not installed (run from the source tree)")
        self.assertEqual(distribution.version, backend.Project().version)
        self.assertEqual(fiberwise.__version__, distribution.version)
        self.assertEqual(distribution.metadata["Requires-Python"], ">=3.10")
        for path in distribution.files or []:
            self.assertTrue(Path(str(path.locate())).exists(), str(path))


if __name__ == "__main__":
    unittest.main()
