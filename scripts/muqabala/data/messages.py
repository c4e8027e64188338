"""pydantic's validation errors in the house wording: the rule, then `(got X)` with what the editor wrote."""

from __future__ import annotations

import difflib
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel

from muqabala.data.errors import show
from muqabala.data.model import ID_PATTERN

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "int_type": "must be a whole number",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
}

_LOOKALIKES = set("аеорсухіјѕһӏԁԛԝαεικνορτυχϲ")
"""Cyrillic and Greek letters that an editor cannot tell from Latin ones."""


def message(err: Any, kind: type[Any]) -> str:
    """One pydantic error (`ValidationError.errors()` item) about a file of `kind`, as a rule an editor can act on."""
    rule = err["type"]
    got = err.get("input")
    ctx = err.get("ctx", {})
    if rule in ("missing", "url_policy", "blank", "dated_before_review"):
        return str(err["msg"]) if rule != "missing" else _MESSAGES[rule]
    if rule == "extra_forbidden":
        # Not the value: a field pasted by mistake may hold a token or a password, and this
        # message ends up in public CI logs. The key is in the path already.
        return f"{_MESSAGES[rule]}{_did_you_mean(kind, tuple(err['loc'])) or '; delete it or correct its name'}"
    if got is None and rule in _MESSAGES:
        return f"is empty (nothing after the colon); it {_MESSAGES[rule]}"
    if rule == "string_type" and isinstance(got, bool):
        return (
            f"must be text (got {got}: YAML reads a bare yes, no, on, off, true or false "
            f"as true or false; put the value in quotes)"
        )
    if rule == "literal_error":
        expected = ctx.get("expected", "")
        one = " or " not in expected and "," not in expected
        return f"must be {'' if one else 'one of '}{expected} (got {show(got)})"
    if rule == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        clause = _not_ascii(got) if isinstance(got, str) else None
        if pattern == ID_PATTERN:
            rule_text = "must be lower-case ASCII letters, digits and hyphens"
            example = ", like eu-declaration"
        elif "#" in pattern:
            rule_text, example = "must be statement-id#sentence-id", ", like eu-declaration#p1-s2"
        elif "a-z]{2}" in pattern:
            return f"must be a two-letter language code, like ar or en (got {show(got)})"
        elif "A-Z]{2}" in pattern:
            return f"must be a two-letter country code in capitals, like GB, or EU (got {show(got)})"
        else:
            return f"must match {pattern} (got {show(got)})"
        return f"{rule_text}{'; ' + clause if clause else example} (got {show(got)})"
    if rule == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters (got {len(got)}: {show(got)})"
    if rule == "value_error":
        message = err["msg"].removeprefix("Value error, ")
        return message if isinstance(got, dict) else f"{message} (got {show(got)})"
    if rule in _MESSAGES:
        return f"{_MESSAGES[rule]} (got {show(got)})"
    return f"{err['msg']} (got {show(got)})"


def _not_ascii(value: str) -> str | None:
    """Names the first non-ASCII character of an id, which may look exactly like a Latin letter."""
    ch = next((c for c in value if not c.isascii()), None)
    if ch is None:
        return None
    what = f"{show(ch)} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})"
    folded = unicodedata.normalize("NFKC", ch)
    if ch in _LOOKALIKES or (folded.isascii() and folded.isalpha()):
        return f"{what} looks like a Latin letter but is not"
    if folded.isascii() and folded.isdigit():
        return f"{what} looks like a digit but is not"
    base = unicodedata.normalize("NFKD", ch)[0]
    if base.isascii() and base.isalpha():
        return f"{what} is not ASCII; write {show(base.lower())}"
    return f"{what} is not ASCII"


def _did_you_mean(kind: type[Any], loc: tuple[Any, ...]) -> str:
    model = _model_at(kind, loc[:-1])
    if model is None or not isinstance(loc[-1], str):
        return ""
    close = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1, cutoff=0.8)
    return f"; did you mean {close[0]!r}?" if close else ""


def _model_at(kind: type[Any], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` (list indexes skipped)."""
    model: type[BaseModel] | None = kind
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if model else None
        if field_info is None:
            return None
        model = _inner_model(field_info.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None
