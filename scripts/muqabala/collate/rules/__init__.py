"""Discrepancy rules: each module holds one named rule; this registry fixes the order they run in.

A rule is a function `check(claim, case) -> list[Discrepancy]` over the views in `collate/views.py`;
the engine sorts what they find (major first) afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from muqabala.collate.rules import (
    attribution_level,
    form,
    hedge,
    number,
    quote,
    scope,
    speaker,
    timing,
    translation,
    unsupported,
)
from muqabala.collate.views import CaseView, ClaimView
from muqabala.report import Discrepancy

Rule = Callable[[ClaimView, CaseView], list[Discrepancy]]


def registry() -> dict[str, Rule]:
    """Every rule by name, in the order they run."""
    return {
        "attribution_level": attribution_level.check,
        "speaker": speaker.check,
        "number": number.check,
        "quote": quote.check,
        "translation": translation.check,
        "hedge": hedge.check,
        "scope": scope.check,
        "timing": timing.check,
        "form": form.check,
        "unsupported": unsupported.check,
    }
