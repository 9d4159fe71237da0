"""Small numbers in report packs: which figures a public (Part 1) pack may show.

In a council the size of Wokingham one child can swing a percentage, and a count of two or three
can point to a family. The Department for Education's practice for published children's data is
followed: counts from 1 to 5 are shown as "c", and so is anything from which such a count could
be worked out (secondary suppression). Part 2 papers go to a restricted audience and show the
true figures.

One KPI value at a time, no database access, so every pack and export hides the same figures.
Differences between figures (this quarter's count minus last quarter's, a total across KPIs)
are not checked here.
"""

from dataclasses import dataclass
from decimal import Decimal

from kpis.choices import Unit

SUPPRESSED = "c"
FOOTNOTE = (
    "c: not shown, to protect the children it describes. Public papers do not give a count "
    "from 1 to 5, or any figure from which one could be worked out."
)

Number = Decimal | int
# The largest count that is hidden; 0 is shown, because "none" identifies no one.
LARGEST_SMALL_COUNT = 5


@dataclass(frozen=True)
class Shown:
    """The figures a pack prints for one KPI value: each the number itself, "c" or None."""

    value: Number | str | None
    numerator: int | str | None
    denominator: int | str | None
    suppressed: bool


def is_small(count: Number | None) -> bool:
    """A count from 1 to 5: the numbers that are never shown in public papers."""
    return count is not None and 0 < count <= LARGEST_SMALL_COUNT


def suppress(
    value: Number | None,
    *,
    unit: str,
    is_rate: bool,
    numerator: int | None,
    denominator: int | None,
    public: bool,
) -> Shown:
    """The figures to print for a KPI value in a public (Part 1) or restricted (Part 2) pack.

    In a Part 2 pack nothing is hidden. In a Part 1 pack:

    - a count (unit "count") from 1 to 5 is shown as "c";
    - a numerator from 1 to 5 is "c", and so is the percentage built on it;
    - a denominator from 1 to 5 hides everything: the percentage and both counts, since with a
      group that small any of them says something about each child in it;
    - when the denominator less the numerator is from 1 to 5 (the children who did not meet
      the measure), the numerator and the percentage are "c", as either would give that small
      number away with the denominator beside it; the denominator itself stays, being more
      than 5 (if it were not, the rule above hides it);
    - a percentage whose numerator or denominator was not recorded cannot be checked, so it is
      "c" too.

    Only a number from 1 to 5 sets a rule off: a 0 (no children, or none left over) never does,
    though a 0 is hidden with the other figures when a rule hides them all. A missing figure
    (None) stays None.
    """
    if not public:
        return Shown(value=value, numerator=numerator, denominator=denominator, suppressed=False)

    hide_value = unit == Unit.COUNT and is_small(value)
    hide_numerator = is_small(numerator)
    hide_denominator = is_small(denominator)
    if is_rate:
        if hide_denominator:
            # Of a group of 1 to 5, any figure describes each child in it.
            hide_value = hide_numerator = True
        elif numerator is None or denominator is None:
            hide_value = True
        elif is_small(denominator - numerator):
            hide_numerator = True
        # Beside its denominator, a percentage gives its numerator away.
        hide_value = hide_value or hide_numerator

    return Shown(
        value=_shown(value, hide_value),
        numerator=_shown(numerator, hide_numerator),
        denominator=_shown(denominator, hide_denominator),
        suppressed=any(
            hidden and figure is not None
            for hidden, figure in (
                (hide_value, value),
                (hide_numerator, numerator),
                (hide_denominator, denominator),
            )
        ),
    )


def _shown[T](figure: T | None, hidden: bool) -> T | str | None:
    if figure is None:
        return None
    return SUPPRESSED if hidden else figure
