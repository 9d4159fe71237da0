"""The benchmark's synthetic board makes a pack like a real one: every KPI with its values,
targets, charts and findings."""

from boards.models import Meeting
from kpis.periods import Period
from packs.assembly import Edition, assemble_pack
from packs.synthetic import synthetic_board
from tests.packs.factories import MEETING_DAY, fetched


def test_a_synthetic_board_gives_a_full_pack(db):
    board = synthetic_board(kpis=4, months=6, end=Period(2026, 10))
    meeting = fetched(Meeting.objects.create(board=board, date=MEETING_DAY))
    pack = assemble_pack(meeting, edition=Edition(1, MEETING_DAY))
    assert [section.kpi.code for section in pack.sections] == [f"SYN-00{n}" for n in range(4)]
    assert all(section.chart for section in pack.sections)
    assert all(section.latest and section.latest.target == "85%" for section in pack.sections)
    assert len(pack.findings) == 4
