"""One declarative table of settings, applied in a fixed order: defaults, file, environment, command line.

The file is ``newstrace.toml`` in the working directory (or the path in NEWSTRACE_CONFIG), with keys at
the top level; the environment uses ``NEWSTRACE_<NAME>`` in upper case.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    type: type
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newstrace.db", str, "The store: a SQLite file path or a postgresql:// URL."),
    Setting("model", "", str, "The spaCy pipeline to load (default: the installed English small model)."),
    Setting("batch_size", 16, int, "Articles per nlp.pipe batch."),
    Setting("n_process", 1, int, "Processes that parse and extract (each sends back records)."),
    Setting("max_bytes", 20_000_000, int, "Largest input file read, in bytes."),
    Setting("link", True, bool, "Link new articles across the store after ingesting them."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any, where: str) -> Any:
    if isinstance(value, setting.type) and not (setting.type is int and isinstance(value, bool)):
        return value
    text = str(value).strip()
    try:
        if setting.type is bool:
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        return setting.type(text)
    except ValueError:
        raise SettingsError(
            f"{where}: {setting.name} must be {setting.type.__name__}, not {value!r}"
        ) from None


def load_settings(overrides: dict[str, Any] | None = None, *, cwd: Path | None = None) -> dict[str, Any]:
    """Return every setting's value after applying defaults, file, environment and ``overrides``."""
    values = {s.name: s.default for s in SETTINGS}
    config = Path(os.environ.get("NEWSTRACE_CONFIG", (cwd or Path.cwd()) / "newstrace.toml"))
    if config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{config}: not valid TOML ({exc})") from None
        for key, value in data.items():
            if key not in _BY_NAME:
                raise SettingsError(f"{config}: unknown setting {key!r}; known: {', '.join(_BY_NAME)}")
            values[key] = _coerce(_BY_NAME[key], value, str(config))
    for setting in SETTINGS:
        env = os.environ.get(f"NEWSTRACE_{setting.name.upper()}")
        if env is not None and env != "":
            values[setting.name] = _coerce(setting, env, f"NEWSTRACE_{setting.name.upper()}")
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in _BY_NAME:
            raise SettingsError(f"unknown setting {key!r}")
        values[key] = _coerce(_BY_NAME[key], value, f"--{key.replace('_', '-')}")
    return values
