"""The table `make bench` prints (and writes into docs/benchmarks.md), and the issue's goals with their figures."""
from dataclasses import dataclass

SIZES = {  # label → (departments, projects)
    "1/15": (1, 15),
    "100/1,500": (100, 1500),
    "1,000/15,000": (1000, 15000),
    "1/15,000": (1, 15000),  # the export only: the largest size in one department's workbook
}
ORDER = [
    "healthz", "dashboard", "dashboard_fresh", "project", "api", "api_fresh", "api_all", "evaluate", "export", "entry",
    "import",
]
SAME_QUERIES = ("dashboard", "dashboard_fresh", "project", "api", "api_fresh", "api_all")


@dataclass
class SizeResult:
    backend: str
    size: str
    data: dict
    cases: dict  # key → case result (measure.py's JSON)


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def _mb(size: int | None) -> str:
    return "–" if size is None else f"{size / 2**20:,.1f}"


def _count(n: int | None) -> str:
    return "–" if n is None else f"{n:,}"


def _ratio(case: dict) -> str:
    if not case.get("floor_seconds"):
        return "–"
    return f"{case['seconds'] / case['floor_seconds']:.1f}×"


def table(results: list[SizeResult]) -> str:
    """One Markdown table: every case at every backend and size."""
    lines = [
        "| backend | size (depts/projects) | case | median ms | SQL queries | peak MB | floor | floor ms | × floor |",
        "|---|---|---|--:|--:|--:|---|--:|--:|",
    ]
    for result in results:
        for key in ORDER:
            case = result.cases.get(key)
            if case is None:
                continue
            lines.append(
                f"| {result.backend} | {result.size} | {case['label']} | {_ms(case['seconds'])} | "
                f"{case['queries'] if case['queries'] is not None else '–'} | {_mb(case['peak_bytes'])} | "
                f"{case['floor_kind'] or '–'} | {_ms(case['floor_seconds'])} | {_ratio(case)} |"
            )
    return "\n".join(lines)


def data_table(results: list[SizeResult]) -> str:
    lines = [
        "| backend | size | departments | projects | indicators | indicator reports | expenditures | generated in s |"
        " load average before |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        d = r.data
        seconds = d.get("generated_seconds")
        generated = "–" if seconds is None else f"{seconds:.1f}" if seconds >= 1 else f"{seconds:.2f}"
        load = f"{d['load_before']:.2f}" if d.get("load_before") is not None else "–"
        lines.append(
            f"| {r.backend} | {r.size} | {d['departments']:,} | {d['projects']:,} | {d['indicators']:,} | "
            f"{d['reports']:,} | {d['expenditures']:,} | {generated} | {load} |"
        )
    return "\n".join(lines)


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "NOT MET")


def goals(results: list[SizeResult], load: dict | None) -> list[str]:
    """Each goal of issue #8 with its figure: MET, NOT MET, or n/a when its measurement was not run."""
    out = []
    for backend in sorted({r.backend for r in results}):
        mine = [r for r in results if r.backend == backend]
        for key in SAME_QUERIES:
            counts = [(r.size, r.cases[key]["queries"]) for r in mine if key in r.cases]
            if not counts:
                continue
            same = len({q for _, q in counts}) == 1
            figures = ", ".join(f"{size}: {q}" for size, q in counts)
            out.append(f"[{_verdict(same)}] {backend}: SQL queries of {key} the same at every size ({figures})")
        for r in mine:
            if r.size != "100/1,500":
                continue
            for key in ("dashboard", "api", "api_all"):
                case = r.cases.get(key)
                if case and case.get("floor_seconds"):
                    ratio = case["seconds"] / case["floor_seconds"]
                    out.append(
                        f"[{_verdict(ratio <= 3)}] {backend}: {key} at 100/1,500 ≤ 3× its bare-SQL floor "
                        f"({_ms(case['seconds'])} ms vs {_ms(case['floor_seconds'])} ms = {ratio:.1f}×)"
                        + _fresh_figure(r.cases.get(f"{key}_fresh"))
                    )
        for r in [r for r in mine if r.size in ("1,000/15,000", "1/15,000")]:
            for key in [k for k in r.cases if k.startswith("export")]:
                out.append(_export_goal(backend, r.size, r.cases[key]))
    if load:
        ratio = load["dashboard"]["rps"] / load["healthz"]["rps"]
        out.append(
            f"[{_verdict(ratio >= 0.3)}] make load ({load['backend']}): dashboard ≥ 30 % of /healthz requests/s "
            f"({load['dashboard']['rps']:,.0f} vs {load['healthz']['rps']:,.0f} req/s = {ratio:.0%})"
        )
    else:
        out.append("[n/a] make load: dashboard ≥ 30 % of /healthz requests/s (not run: see `make load`)")
    return out


def _fresh_figure(case: dict | None) -> str:
    """The same request just after a write, when nothing is cached: printed beside the goal (the usual request)."""
    if not case or not case.get("floor_seconds"):
        return ""
    ratio = case["seconds"] / case["floor_seconds"]
    return f"; the first request after a write: {_ms(case['seconds'])} ms = {ratio:.1f}×"


def _export_goal(backend: str, size: str, case: dict) -> str:
    ratio = case["seconds"] / case["floor_seconds"] if case.get("floor_seconds") else None
    rss, heap = case.get("peak_rss_bytes"), case.get("peak_bytes")
    peak = rss if rss is not None else heap  # what the operating system sees, when measured
    if ratio is None or peak is None:
        return f"[n/a] {backend}: {case['label']} at {size}: incomplete"
    memory = f"peak RSS of its own process {_mb(rss)} MB" if rss is not None else ""
    if heap is not None:
        memory += f"{', ' if memory else ''}Python heap {_mb(heap)} MB"
    return (
        f"[{_verdict(ratio <= 1.5 and peak < 500 * 2**20)}] {backend}: {case['label']} at {size} ≤ 1.5× openpyxl "
        f"write-only and < 500 MB ({_ms(case['seconds'])} ms vs {_ms(case['floor_seconds'])} ms = {ratio:.2f}×; "
        f"{memory})"
    )


def exports_table(results: list[SizeResult]) -> str:
    """The workbooks: how big, and the memory of writing them (Python heap by tracemalloc, RSS of an own process)."""
    lines = [
        "| backend | size | sheets | cells | file MB | median s | × openpyxl floor | peak Python heap MB | "
        "peak RSS MB (own process) | RSS before the export MB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        for key in [k for k in r.cases if k.startswith("export")]:
            case, note = r.cases[key], r.cases[key].get("note") or {}
            lines.append(
                f"| {r.backend} | {r.size} | {_count(note.get('sheets'))} | {_count(note.get('cells'))} | "
                f"{_mb(note.get('bytes'))} | {case['seconds']:,.2f} | {_ratio(case)} | {_mb(case.get('peak_bytes'))} | "
                f"{_mb(case.get('peak_rss_bytes'))} | {_mb(case.get('baseline_rss_bytes'))} |"
            )
    return "\n".join(lines)


def load_table(load: dict) -> str:
    lines = [
        f"| `make load` ({load['backend']}, {load['workers']} gunicorn workers, wrk {load['wrk']}) | requests/s | "
        "p50 ms | p99 ms | vs /healthz |",
        "|---|--:|--:|--:|--:|",
    ]
    base = load["healthz"]["rps"]
    for key, label in (("healthz", "`/healthz`"), ("dashboard", "dashboard `/` (session)"),
                       ("api", "API `/api/projects/?year=2026` (token)")):
        row = load.get(key)
        if row:
            lines.append(f"| {label} | {row['rps']:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
                         f"{row['rps'] / base:.0%} |")
    return "\n".join(lines)
