"""Reading and checking a file of KPI values before anything is written."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from openpyxl.utils import get_column_letter

from kpis.choices import Frequency, KpiStatus
from kpis.exports import VALUE_COLUMNS
from kpis.models import Kpi, KpiValue, Target
from kpis.periods import Period, PeriodError, is_due
from kpis.permissions import can_enter_values
from kpis.validation import Entry, check_entry, plain_text
from returns.collection import is_open, opens_on
from wokingham_cs.exports import FORMULA_PREFIXES

IMPORT_COLUMNS = VALUE_COLUMNS
# An import has a few columns; a sheet with thousands is not one, and is not read that far.
MAX_COLUMNS = 50
DUE_MONTHS_TEXT = {
    Frequency.QUARTERLY: "quarters end in June, September, December and March",
    Frequency.TWICE_YEARLY: "half-years end in September and March",
    Frequency.ANNUAL: "annual values are due in March unless the KPI says otherwise",
    Frequency.TERMLY: "terms end in December, April and July",
}


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class CheckedRow:
    line: int
    raw: dict[str, str]
    unchanged: bool = False
    kpi: Kpi | None = None
    period: Period | None = None
    entry: Entry | None = None
    replaces: KpiValue | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        # Excel turns "2015-06" into a date; read it back as the period it was.
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        # Typing "14%" in Excel stores 0.14 shown as a percentage: read it as 14%.
        value = round(value * 100, 6)
        return f"{int(value) if float(value).is_integer() else value}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _limited(rows):
    """(line, row) up to the row limit (and the header); more is refused, not read on."""
    limit = settings.IMPORT_MAX_ROWS
    for number, (line, row) in enumerate(rows):
        if number > limit:
            raise FileProblem(f"The file has more than {limit:,} rows: import fewer at a time")
        yield line, row


def _check_zip(content: bytes) -> None:
    """An .xlsx is a zip: refuse one that would unpack to far more than its size (a "zip
    bomb") before anything reads it."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile as error:
        raise FileProblem("The file could not be read as an Excel (.xlsx) workbook") from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise FileProblem(
            f"The workbook unpacks to {filesizeformat(unpacked)}, more than the "
            f"{filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES)} allowed: save only the sheet "
            "of values, or import a CSV file"
        )


def _xlsx_rows(sheet):
    """(line, cells as text) of a sheet, streamed; a formula is refused rather than read as
    whatever value the spreadsheet last showed (or nothing)."""
    for line, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        cells = []
        for column, cell in enumerate(row, start=1):
            if cell.data_type == "f":
                raise FileProblem(
                    f"Row {line}, column {get_column_letter(column)} holds a formula "
                    f"({str(cell.value)[:40]}): formulas are not imported. Paste the values "
                    "themselves (Paste Special, Values) and save the file again"
                )
            cells.append(_cell_text(cell))
        yield line, cells


def _xlsx_table(content: bytes) -> list[tuple[int, list[str]]]:
    """The first sheet whose first row names the import's columns (else the first sheet)."""
    _check_zip(content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileProblem("The file could not be read as an Excel (.xlsx) workbook") from error
    if not book.worksheets:
        raise FileProblem("The workbook has no sheets")
    chosen = book.worksheets[0]
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS), ())
        if "kpi_code" in {_cell_text(cell).lower() for cell in first}:
            chosen = sheet
            break
    return list(_limited(_xlsx_rows(chosen)))


def _csv_table(content: bytes) -> list[tuple[int, list[str]]]:
    """(line where the record starts, cells) of a CSV file. An unclosed quote or a row with
    more or fewer cells than the header is refused, naming the line, rather than read wrongly
    (an unclosed quote would fold every following row into one cell)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem("The file is not UTF-8 text: save it as 'CSV UTF-8'") from error
    if "\x00" in text:
        raise FileProblem("The file is not a CSV file: it contains binary data")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table, width = [], None

    def records():
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise FileProblem(
                    f"Line {line} could not be read as CSV ({error}): check for a quote that "
                    "is not closed, or save the file again as 'CSV UTF-8'"
                ) from error
            yield line, cells
            line = reader.line_num + 1

    for line, cells in _limited(records()):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if width is None:
            width = len(cells)
        elif len(cells) != width:
            raise FileProblem(
                f"Line {line} has {len(cells)} cells but the header has {width}: check for a "
                "stray comma or quote on that line"
            )
        table.append((line, [cell.strip() for cell in cells]))
    return table


def read_rows(file_name: str, content: bytes) -> list[dict[str, str]]:
    """The data rows of a CSV or XLSX file as text, each with its line number in the file."""
    table = _xlsx_table(content) if file_name.lower().endswith(".xlsx") else _csv_table(content)
    if not table or not any(table[0][1]):
        raise FileProblem("The file is empty")
    header = [name.strip().lower() for name in table[0][1]]
    missing = [name for name in IMPORT_COLUMNS if name not in header]
    if missing:
        raise FileProblem(
            f"The file has no {', '.join(repr(m) for m in missing)} column: the first row must "
            f"be {','.join(IMPORT_COLUMNS)}"
        )
    rows = []
    for line, cells in table[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        row = {name: cells[header.index(name)] for name in IMPORT_COLUMNS}
        # Rows with nothing to import (a template row left empty) are passed over.
        if not any(row[name] for name in ("value", "numerator", "denominator", "commentary")):
            continue
        # Our downloads put an apostrophe before text a spreadsheet would run as a formula.
        if row["commentary"].startswith("'") and row["commentary"][1:2] in FORMULA_PREFIXES:
            row["commentary"] = row["commentary"][1:]
        rows.append({"line": line, **row})
    if not rows:
        raise FileProblem("The file has no values to import: every row's value is blank")
    return rows


def check_rows(
    rows: list[dict[str, str]], *, user: AbstractBaseUser, today: datetime.date
) -> list[CheckedRow]:
    """Check every row against the KPIs, periods, stored values and targets, in a few queries."""
    codes = {row["kpi_code"].strip().upper() for row in rows}
    kpis = {kpi.code: kpi for kpi in Kpi.objects.filter(code__in=codes).select_related("owner")}
    checked = [CheckedRow(line=row["line"], raw=row) for row in rows]
    for row in checked:
        code = row.raw["kpi_code"].strip().upper()
        row.kpi = kpis.get(code)
        if row.kpi is None:
            row.errors.append(
                f"Unknown KPI code '{row.raw['kpi_code']}'" if code else "No KPI code"
            )
        try:
            row.period = Period.parse_loose(row.raw["period"])
        except PeriodError as error:
            row.errors.append(str(error))

    periods = {row.period.first_day for row in checked if row.period}
    stored = {
        (value.kpi_id, value.period): value
        for value in KpiValue.objects.filter(kpi__in=kpis.values(), period__in=periods)
    }
    targets = {
        (target.kpi_id, target.financial_year): target
        for target in Target.objects.filter(
            kpi__in=kpis.values(),
            financial_year__in={row.period.financial_year for row in checked if row.period},
        )
    }
    due = Kpi.objects.filter(pk__in=[kpi.pk for kpi in kpis.values()]).due_ids(
        [row.period for row in checked if row.period]
    )
    first_line: dict[tuple[str, Period], int] = {}
    for row in checked:
        if row.kpi is None or row.period is None:
            continue
        _check_row(row, user, today, stored, targets, first_line, due[row.period])
    return checked


def _same_as_stored(value: KpiValue, raw: dict[str, str]) -> bool:
    """The row repeats the stored figures (as our own download writes them)."""

    def number(text: str):
        try:
            return Decimal(text.strip().rstrip("%")) if text.strip() else None
        except InvalidOperation:
            return "not a number"

    return (
        number(raw["value"]) == value.value
        and number(raw["numerator"]) == value.numerator
        and number(raw["denominator"]) == value.denominator
        and plain_text(raw["commentary"]) == plain_text(value.commentary)
    )


def _not_due_reason(kpi: Kpi, period: Period) -> str:
    if not is_due(kpi.frequency, period, kpi.due_month):
        reason = DUE_MONTHS_TEXT.get(kpi.frequency, "")
        return (
            f"{kpi.code} is {kpi.get_frequency_display().lower()}: {period} is not one of its "
            f"periods ({reason})"
        )
    went_live = timezone.localdate(kpi.status_changed_at)
    return f"{kpi.code} went live on {went_live:%-d %B %Y}: it has no value for {period.label}"


def _check_row(row, user, today, stored, targets, first_line, due_ids) -> None:
    kpi, period = row.kpi, row.period
    key = (kpi.code, period)
    if key in first_line:
        row.errors.append(f"Repeats {kpi.code} for {period} from line {first_line[key]}")
        return
    first_line[key] = row.line
    row.replaces = stored.get((kpi.pk, period.first_day))
    row.unchanged = bool(row.replaces and _same_as_stored(row.replaces, row.raw))
    if row.unchanged:
        # A row repeating what is stored changes nothing, whoever's KPI it is: a download of
        # every value imports back without complaint, and without touching any value.
        return
    if not can_enter_values(user, kpi):
        owner = kpi.owner.get_full_name() if kpi.owner else "nobody yet"
        row.errors.append(f"You do not enter values for {kpi.code} (owner: {owner})")
    if kpi.status != KpiStatus.LIVE:
        row.errors.append(f"{kpi.code} is {kpi.get_status_display().lower()}, not live")
    elif not is_open(period, today):
        row.errors.append(
            f"{period.label} is not open yet: values can be entered from "
            f"{opens_on(period):%-d %B %Y}"
        )
    elif kpi.pk not in due_ids:
        row.errors.append(_not_due_reason(kpi, period))
    if row.replaces and row.replaces.is_locked:
        row.errors.append(
            f"{kpi.code} for {period.label} is already approved: revise it on the return, "
            "with a reason"
        )
    target = targets.get((kpi.pk, period.financial_year))
    entry, errors = check_entry(
        unit=kpi.unit,
        is_rate=kpi.is_rate,
        polarity=kpi.polarity,
        value=row.raw["value"],
        numerator=row.raw["numerator"],
        denominator=row.raw["denominator"],
        commentary=row.raw["commentary"],
        target=target.target if target else None,
        amber=target.amber_threshold if target else None,
    )
    if entry is None and not errors:
        errors = {"value": "No value"}
    row.errors.extend(f"{name.capitalize()}: {message}" for name, message in errors.items())
    row.entry = entry
