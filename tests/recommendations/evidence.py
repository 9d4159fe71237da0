"""Linking each kind of evidence to a progress update, for the tests."""

import datetime

from boards.models import Board, Meeting
from kpis.models import Kpi
from recommendations.models import EvidenceDocument, ProgressUpdate


def link_evidence(update: ProgressUpdate, kind: str) -> ProgressUpdate:
    if kind == "kpi":
        kpi = Kpi.objects.create(code=f"EV-{update.pk}", title="Evidence KPI", status="live")
        update.kpis.add(kpi)
    elif kind == "meeting":
        board = Board.objects.first() or Board.objects.create(
            slug="evidence-board", short_name="EB", name="Evidence board", nature="internal"
        )
        update.meeting = Meeting.objects.create(
            board=board, date=datetime.date(2026, 11, 2) + datetime.timedelta(days=update.pk)
        )
        update.save(update_fields=["meeting"])
    else:
        EvidenceDocument.objects.create(
            update=update,
            original_name="minutes.pdf",
            kind="pdf",
            sha256="0" * 64,
            size=10,
            file_name="evidence/00/x.pdf",
            uploaded_by=update.author,
        )
    return update
