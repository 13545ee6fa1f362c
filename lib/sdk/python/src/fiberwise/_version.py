"""The installed distribution's version (pyproject.toml is the one place it is written)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__: str = version("fiberwise")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
