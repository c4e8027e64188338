"""Rule `form`: what kind of text, and on what day, a claim says its speaker spoke in.

Both are checked against the statement the claim's words come from: its closest primary sentence
by a speaker it credits (close enough to count as saying it). A statement on file does not prove
that no other exists, so each difference says what the file holds rather than calling the claim
wrong, unless the file decides it.

- **Form.** A claim naming the kind of text (`speech.forms` of the lexicon: «في تغريدة», "in a joint
  statement") whose words come from a statement of another recorded `form`, and no statement of
  that speaker in the case has the form named, gets a minor flag: the words stand, the channel is
  not on file. A statement with `joined_by` counts as joint.
- **Day.** A reporting frame that dates the speaking ("said on Thursday", «وقالت اليوم») is compared
  with the date of that statement: "today" and "yesterday" count from the article's date, a weekday
  is the last such day on or before it. When it and every other statement of the speaker in the case
  are more than `SLACK_DAYS` away, the claim dates the words wrongly: `timing`, major.
Dates inside the claim's content ("expelled today") are left to the timing rule: only a frame says
when the speaker spoke.
"""

from __future__ import annotations

from datetime import date, timedelta

from muqabala.collate.views import SUPPORT_SCORE, CaseView, ClaimView, adjusted, flag, names
from muqabala.data.model import Statement
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy
from muqabala.vocabulary import RELATIVE_DAYS, STATEMENT_FORMS, WEEKDAYS, when

SLACK_DAYS = 1
"""How far a statement's date may be from the day a claim names: an outlet in another time zone
dates a late-evening statement to the next day."""


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag a wrong form or a wrong day of speaking."""
    roots = list(dict.fromkeys(case.root(i) for i in claim.credited))
    sources = {}
    for root in roots:
        close = [s for s in claim.evidence if s.by([root]) and adjusted(s, claim.keep) >= SUPPORT_SCORE]
        if close and close[0].statement in case.corpus.statements:
            sources[root] = case.corpus.statements[close[0].statement]
    if not sources:
        return []
    return _form(claim, case, sources) + _day(claim, case, sources)


def _statements(case: CaseView, root: str) -> list[Statement]:
    return sorted(
        (st for st in case.statements if st.role == "primary" and case.root(st.issuer) == root),
        key=lambda st: (st.date, st.id),
    )


def _form(claim: ClaimView, case: CaseView, sources: dict[str, Statement]) -> list[Discrepancy]:
    said = [(cue.id, hit) for cue in case.lexicon.speech.forms for hit in find(cue.get(claim.lang), claim.original)]
    if not said:
        return []
    form, hit = min(said, key=lambda f: (f[1].start, -(f[1].end - f[1].start)))
    out = []
    for root, source in sources.items():
        if source.form is None or form == "statement":
            continue  # nobody recorded what it was; "a statement" fits any text
        statements = _statements(case, root)
        on_file = {st.form for st in statements} | (
            {"joint_statement"} if any(st.joined_by for st in statements) else set()
        )
        if form in on_file or (source.form == "joint_statement" and form == "declaration"):
            continue
        term, was = STATEMENT_FORMS[form], STATEMENT_FORMS[source.form]
        day = when(source.date[:10])
        out.append(
            flag(
                "form",
                "minor",
                f"No {term.en} by {names(case, [root], 'en')} is on file for this case; the words the claim "
                f"reports are in {_a(was.en)} of {day['en']}.",
                f"ليس في ملف هذه القضية شيء صادر عن {names(case, [root], 'ar')} في صورة {term.ar}؛ والكلام "
                f"الذي ينقله الادعاء وارد في {was.ar} بتاريخ {day['ar']}.",
                claim.span(hit.start, hit.end),
                kind="form",
                claim_form=form,
                source_form=source.form,
                statement=source.id,
            )
        )
    return out


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _day(claim: ClaimView, case: CaseView, sources: dict[str, Statement]) -> list[Discrepancy]:
    if not claim.date or not claim.frames:
        return []
    published = date.fromisoformat(claim.date[:10])
    for start, end in claim.frames:
        named = _named_day(claim.original[start:end], published)
        if named is None:
            continue
        day, at = named
        out = []
        for root, source in sources.items():
            dates = {date.fromisoformat(st.date[:10]) for st in _statements(case, root)}
            if any(abs((d - day).days) <= SLACK_DAYS for d in dates):
                continue
            weekday = WEEKDAYS[day.weekday()]
            said = {lang: f"{weekday.label(lang)} {when(day.isoformat())[lang]}" for lang in ("en", "ar")}
            real = when(source.date[:10])
            out.append(
                flag(
                    "timing",
                    "major",
                    f"The claim dates what {names(case, [root], 'en')} said to {said['en']}; the statement "
                    f"holding those words is of {real['en']}.",
                    f"يؤرّخ الادعاء كلام {names(case, [root], 'ar')} بيوم {said['ar']}، في حين أن البيان الذي "
                    f"يرد فيه هذا الكلام صادر في {real['ar']}.",
                    claim.span(start + at[0], start + at[1]),
                    kind="day",
                    claim_day=day.isoformat(),
                    source_day=source.date[:10],
                    statement=source.id,
                )
            )
        return out
    return []


def _named_day(frame: str, published: date) -> tuple[date, tuple[int, int]] | None:
    """The day a frame names and where: today or yesterday from `published`, else the last such weekday."""
    for offset, forms in RELATIVE_DAYS.items():
        hits = find(list(forms), frame)
        if hits:
            return published + timedelta(days=offset), (hits[0].start, hits[0].end)
    for weekday in WEEKDAYS:
        hits = find(list(weekday.forms), frame)
        if hits:
            back = (published.weekday() - weekday.number) % 7
            return published - timedelta(days=back), (hits[0].start, hits[0].end)
    return None
