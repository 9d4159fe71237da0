"""The RAG engine: one place that rates a value Red, Amber or Green and says which way it moved.

Pure functions with no database access, so every page, export and pack rates values the same way.
"""

from decimal import Decimal
from enum import StrEnum

from kpis.choices import Polarity

Number = Decimal | int | float


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_TARGET = "no-target"
    NO_DATA = "no-data"
    NOT_DUE = "not-due"

    @property
    def label(self) -> str:
        return RAG_LABELS[self]

    @property
    def is_rated(self) -> bool:
        return self in (Rag.GREEN, Rag.AMBER, Rag.RED)


# Only a KPI with a direction that is better can be rated; "no polarity" is monitoring only.
RATED_POLARITIES = (Polarity.HIGHER, Polarity.LOWER)

RAG_LABELS = {
    Rag.GREEN: "Green",
    Rag.AMBER: "Amber",
    Rag.RED: "Red",
    Rag.NO_TARGET: "No target",
    Rag.NO_DATA: "No data",
    Rag.NOT_DUE: "Not yet due",
}


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no-change"
    NOT_COMPARABLE = "not-comparable"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


def rag_status(
    value: Number | None,
    target: Number | None,
    amber: Number | None,
    polarity: Polarity | str,
    *,
    due: bool = True,
) -> Rag:
    """Rate a value against its target and amber threshold.

    Higher is better: value >= target is Green; amber <= value < target is Amber; below the
    amber threshold (or any miss, when there is no threshold) is Red. Lower is better mirrors it.
    With no target, or no polarity, the KPI is monitoring only ("No target"), never Red; with no
    value it is "No data", or "Not yet due" when the period has not come round.
    """
    if value is None:
        return Rag.NO_DATA if due else Rag.NOT_DUE
    if target is None or polarity not in RATED_POLARITIES:
        return Rag.NO_TARGET
    if polarity == Polarity.LOWER:
        # Mirror: for "lower is better", negate everything and rate as "higher is better".
        mirrored_amber = None if amber is None else -amber
        return rag_status(-value, -target, mirrored_amber, Polarity.HIGHER, due=due)
    if value >= target:
        return Rag.GREEN
    if amber is not None and value >= amber:
        return Rag.AMBER
    return Rag.RED


def direction(
    current: Number | None, previous: Number | None, polarity: Polarity | str
) -> Direction:
    """Which way a value moved since an earlier one, in the words of its polarity.

    A falling re-referral rate (lower is better) is "Improving".
    """
    if current is None or previous is None or polarity not in RATED_POLARITIES:
        return Direction.NOT_COMPARABLE
    if current == previous:
        return Direction.NO_CHANGE
    went_up = current > previous
    if went_up == (polarity == Polarity.HIGHER):
        return Direction.IMPROVING
    return Direction.WORSENING


def amber_threshold_error(
    target: Number, amber: Number | None, polarity: Polarity | str
) -> str | None:
    """Why an amber threshold cannot go with this target, or None when it can."""
    if amber is None:
        return None
    if polarity == Polarity.HIGHER and amber > target:
        return "For a KPI where higher is better, the amber threshold must not be above the target"
    if polarity == Polarity.LOWER and amber < target:
        return "For a KPI where lower is better, the amber threshold must not be below the target"
    return None
