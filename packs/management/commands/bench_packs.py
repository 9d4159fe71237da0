"""make bench: time making a board's pack, 30 KPIs with 24 months of approved values.

In a temporary database file (never the real one): a synthetic board receiving 30 KPIs, a
meeting whose previous meeting was three months before (so the scorecard has three periods a
KPI), and its pack made as a publication would make it (assembly, HTML, charts, PDF):

- cold: the first pack made in a new process (`--child`), which starts with nothing drawn or
  laid out yet; also that process's whole run, start-up and imports included;
- warm: the same pack made again in one process, the charts cached but the PDF made afresh;
- again, unchanged: the same pack asked for again, whose PDF is kept (packs.rendering);
- without charts: WeasyPrint making the same pack's HTML with the charts left out, the floor
  the charts are measured against.

Medians with the lowest and highest of the runs, to give the spread.
"""

import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import setup_databases, teardown_databases
from django.utils import timezone

from boards.models import Meeting
from kpis import html
from kpis.periods import Period
from packs.assembly import Edition, assemble_pack
from packs.rendering import forget_made_pdfs, pack_html, pdf_and_pages
from packs.synthetic import synthetic_board
from wokingham_cs.working_days import add_working_days

KPIS, MONTHS = 30, 24
COLD_RUNS, WARM_RUNS = 3, 5
TARGET_COLD_SECONDS, TARGET_CHART_RATIO = 5.0, 2.0


class Command(BaseCommand):
    help = "Time making a 30-KPI board pack with 24 months of values, cold and warm."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cold-runs", type=int, default=COLD_RUNS)
        parser.add_argument("--warm-runs", type=int, default=WARM_RUNS)
        parser.add_argument("--child", type=int, help="(internal) make one pack cold and exit")

    def handle(self, *args, cold_runs=COLD_RUNS, warm_runs=WARM_RUNS, child=None, **options):
        if child is not None:
            self.stdout.write(json.dumps(make_once(child)))
            return
        with tempfile.TemporaryDirectory(prefix="bench-packs-") as folder:
            # A file, not SQLite's in-memory test database, so the cold runs' new processes
            # can read it; and the packs' private storage in the same throwaway folder.
            database = settings.DATABASES["default"]
            if database["ENGINE"].endswith("sqlite3"):
                database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
            old_config = setup_databases(verbosity=0, interactive=False)
            try:
                self.run_benchmark(cold_runs, warm_runs, folder)
            finally:
                teardown_databases(old_config, verbosity=0)

    def run_benchmark(self, cold_runs: int, warm_runs: int, folder: str) -> None:
        meeting = synthetic_meeting()
        self.stdout.write(
            f"Pack benchmark on {connection.vendor}: {KPIS} KPIs with {MONTHS} months of "
            f"approved values; cold: {cold_runs} new processes, warm: median of {warm_runs}. "
            f"Load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
        )
        child_env = os.environ | {
            "DATABASE_URL": database_url(),
            "PRIVATE_STORAGE_ROOT": folder,
        }
        cold, cold_process = [], []
        for _ in range(cold_runs):
            started = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "manage.py", "bench_packs", "--child", str(meeting.pk)],
                cwd=settings.BASE_DIR,
                env=child_env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            cold_process.append(time.perf_counter() - started)
            cold.append(json.loads(output.strip().splitlines()[-1]))

        make_once(meeting.pk)  # warm-up
        warm = [make_once(meeting.pk, fresh=True) for _ in range(warm_runs)]
        bare = [make_once(meeting.pk, charts=False, fresh=True) for _ in range(warm_runs)]
        make_once(meeting.pk)
        kept = [make_once(meeting.pk) for _ in range(warm_runs)]

        rows = [
            ("cold: first pack in a new process", [run["total"] for run in cold]),
            ("  processor time", [run["cpu"] for run in cold]),
            ("cold: the whole process, start-up included", cold_process),
            ("warm: the same pack again", [run["total"] for run in warm]),
            ("  processor time", [run["cpu"] for run in warm]),
            ("  of which reading the figures and charts", [run["assemble"] for run in warm]),
            ("  of which the HTML", [run["html"] for run in warm]),
            ("  of which WeasyPrint's PDF", [run["pdf"] for run in warm]),
            ("without charts (WeasyPrint, same HTML)", [run["total"] for run in bare]),
            ("  processor time", [run["cpu"] for run in bare]),
            ("again, unchanged: the PDF kept", [run["total"] for run in kept]),
        ]
        self.stdout.write(f"\n{'':<46}{'median s':>10}{'lowest':>9}{'highest':>9}")
        for label, seconds in rows:
            self.stdout.write(
                f"{label:<46}{statistics.median(seconds):>10.2f}{min(seconds):>9.2f}"
                f"{max(seconds):>9.2f}"
            )
        sample = warm[0]
        self.stdout.write(
            f"\nThe pack: {sample['pages']} pages, {sample['kb']} KB, {sample['charts']} charts; "
            f"without charts {bare[0]['pages']} pages."
        )
        cold_median = statistics.median(run["total"] for run in cold)
        self.stdout.write(
            f"Cold: {cold_median:.2f} s"
            + (
                ""
                if cold_median <= TARGET_COLD_SECONDS
                else f"  MISS (target <= {TARGET_COLD_SECONDS} s)"
            )
        )
        for label, key in (("elapsed", "total"), ("processor", "cpu")):
            ratio = median_of(warm, key) / median_of(bare, key)
            cold_ratio = median_of(cold, key) / median_of(bare, key)
            self.stdout.write(
                f"Charts ({label} time): the pack takes {ratio:.2f}x the pack without charts "
                f"warm, {cold_ratio:.2f}x cold"
                + (
                    ""
                    if ratio <= TARGET_CHART_RATIO
                    else f"  MISS (target <= {TARGET_CHART_RATIO}x)"
                )
            )


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def synthetic_meeting() -> Meeting:
    """A board receiving KPIS KPIs with MONTHS months of values up to last month, and a
    meeting whose cut-off is last month, three months after its previous meeting."""
    end = Period.from_date(timezone.localdate()).previous()
    board = synthetic_board(kpis=KPIS, months=MONTHS, end=end)
    # The first working day of this month is a deadline whose cut-off is last month.
    deadline = add_working_days(end.next().first_day - datetime.timedelta(days=1), 1)
    day = add_working_days(deadline, board.papers_deadline_days + 1)
    Meeting.objects.create(board=board, date=day - datetime.timedelta(days=91))
    return Meeting.objects.create(board=board, date=day, venue="Synthetic")


def make_once(meeting_id: int, *, charts: bool = True, fresh: bool = False) -> dict:
    """Make the pack as a publication does, timing each step (seconds), and the processor
    time it took (which other work on a shared machine does not inflate). `fresh`: forget the
    PDFs already made, so that WeasyPrint makes this one (the charts stay drawn)."""
    if fresh:
        forget_made_pdfs()
    started, cpu = time.perf_counter(), time.process_time()
    meeting = (
        Meeting.objects.select_related("board").prefetch_related("agenda_items").get(pk=meeting_id)
    )
    pack = assemble_pack(meeting, edition=Edition(1, timezone.localdate()), charts=charts)
    assembled = time.perf_counter()
    document = pack_html(pack)
    rendered = time.perf_counter()
    pdf, pages = pdf_and_pages(document)
    finished = time.perf_counter()
    return {
        "assemble": assembled - started,
        "html": rendered - assembled,
        "pdf": finished - rendered,
        "total": finished - started,
        "cpu": time.process_time() - cpu,
        "pages": pages,
        "kb": len(pdf) // 1024,
        "charts": sum(section.chart is not None for section in pack.sections),
        "cache": html._drawn.cache_info().currsize,
    }


def database_url() -> str:
    """The test database the parent made, for the cold runs' processes."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{user}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
