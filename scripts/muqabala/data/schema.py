"""JSON Schemas derived from the models, for editors' editors and for readers of report.json.

Each YAML file's first line points at its schema (`# yaml-language-server: $schema=…`), so
an editor using the YAML language server gets completion and errors while typing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from muqabala.data.model import FILE_KINDS
from muqabala.report import Report

SCHEMA_DIR = "schema"
BASE_ID = "https://muqabala.invalid/schema/"
"""Schemas need an `$id`; the site publishes them under /schema/ whatever its host."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every data file kind and for the report."""
    kinds: dict[str, Any] = dict(FILE_KINDS)
    kinds["report"] = Report
    out = {}
    for name, model in sorted(kinds.items()):
        schema = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{BASE_ID}{name}.schema.json",
            **schema,
        }
        out[f"{name}.schema.json"] = schema
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into `folder`; return the names whose text changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in json_schemas().items():
        path = folder / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(folder: Path) -> list[str]:
    """Names of the committed schemas that no longer match the models."""
    return [
        name
        for name, schema in json_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(schema)
    ]
