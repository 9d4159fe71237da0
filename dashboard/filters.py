from kpis.filters import KpiFilter


class DashboardFilter(KpiFilter):
    """The home dashboard narrows the KPIs it counts by area, board, owner, status, frequency."""

    class Meta(KpiFilter.Meta):
        fields = ["judgement_area", "board", "owner", "status", "frequency"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ["q", "rag", "area", "unit", "polarity"]:
            self.filters.pop(name, None)
