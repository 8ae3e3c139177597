"""The table `make bench` prints (and writes into docs/benchmarks.md), and the issue's goals with their figures."""
from dataclasses import dataclass

SIZES = {  # label → (departments, projects)
    "1/15": (1, 15),
    "100/1,500": (100, 1500),
    "1,000/15,000": (1000, 15000),
    "1/15,000": (1, 15000),  # the export only: the largest size in one department's workbook
}
ORDER = ["healthz", "dashboard", "project", "api", "api_all", "evaluate", "export", "entry_page", "entry", "import"]
SAME_QUERIES = ("dashboard", "project", "api", "api_all", "evaluate")
READS = ("dashboard", "project", "api", "evaluate")  # ≤ 2× their floor on PostgreSQL, ≤ 4× on SQLite (issue #18)
READ_LIMIT = {"postgresql": 2, "sqlite": 4}
ENTRY_QUERIES, ENTRY_LIMIT = 12, 3
EXPORT_LIMIT, EXPORT_RSS = 1.3, 400 * 2**20
LOAD_SHARE, MIXED_SHARE = 0.25, 0.8


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
    """Each goal of issue #18 with its figure: MET, NOT MET, or n/a when its measurement was not run."""
    out = []
    for backend in sorted({r.backend for r in results}):
        mine = [r for r in results if r.backend == backend]
        for key in SAME_QUERIES:
            counts = [(r.size, r.cases[key]["queries"]) for r in mine if key in r.cases]
            if counts:
                same = len({q for _, q in counts}) == 1
                figures = ", ".join(f"{size}: {q}" for size, q in counts)
                out.append(f"[{_verdict(same)}] {backend}: SQL queries of {key} the same at every size ({figures})")
        limit = READ_LIMIT.get(backend, 2)
        for r in [r for r in mine if r.size == "100/1,500"]:
            for key in READS:
                case = r.cases.get(key)
                if case and case.get("floor_seconds"):
                    ratio = case["seconds"] / case["floor_seconds"]
                    out.append(
                        f"[{_verdict(ratio <= limit)}] {backend}: {key} at 100/1,500, no cache, ≤ {limit}× its bare-SQL "
                        f"floor ({_ms(case['seconds'])} ms vs {_ms(case['floor_seconds'])} ms = {ratio:.1f}×)"
                    )
        for r in mine:
            case = r.cases.get("entry")
            if case and case.get("floor_seconds"):
                ratio = case["seconds"] / case["floor_seconds"]
                ok = case["queries"] <= ENTRY_QUERIES and ratio <= ENTRY_LIMIT
                out.append(
                    f"[{_verdict(ok)}] {backend}: entry save at {r.size} ≤ {ENTRY_QUERIES} queries and ≤ {ENTRY_LIMIT}× "
                    f"its INSERT floor ({case['queries']} queries; {_ms(case['seconds'])} ms vs "
                    f"{_ms(case['floor_seconds'])} ms = {ratio:.1f}×)"
                )
        for r in mine:
            for key in [k for k in r.cases if k.startswith("export")]:
                out.append(_export_goal(backend, r.size, r.cases[key]))
        out += _bureau_goals(backend, mine)
    out += _load_goals(load)
    return out


# Issue #21 item 4: the bureau page, fresh, at each size: (seconds, times its floor or None).
BUREAU_LIMITS = {"100/1,500": (0.300, 3), "1,000/15,000": (1.5, None)}


def _bureau_goals(backend: str, mine: list[SizeResult]) -> list[str]:
    out = []
    counts = [(r.size, r.cases["bureau"]["queries"]) for r in mine if "bureau" in r.cases]
    if counts:
        figures = ", ".join(f"{size}: {q}" for size, q in counts)
        out.append(f"[{_verdict(len({q for _, q in counts}) == 1)}] {backend}: SQL queries of bureau the same at "
                   f"every size ({figures})")
    for r in mine:
        case, limits = r.cases.get("bureau"), BUREAU_LIMITS.get(r.size)
        if not case or not limits:
            continue
        seconds, times = limits
        ratio = case["seconds"] / case["floor_seconds"] if case.get("floor_seconds") else None
        ok = case["seconds"] <= seconds and (times is None or (ratio is not None and ratio <= times))
        bound = f"≤ {_ms(seconds)} ms" + (f" and ≤ {times}× its bare-SQL floor" if times else "")
        floor = f" vs {_ms(case['floor_seconds'])} ms = {ratio:.1f}×" if ratio is not None else ""
        out.append(f"[{_verdict(ok)}] {backend}: bureau at {r.size}, fresh, {bound} ({_ms(case['seconds'])} ms{floor})")
    return out


def _load_goals(load: dict | None) -> list[str]:
    if not load:
        return [f"[n/a] make load: dashboard ≥ {LOAD_SHARE:.0%} of /healthz requests/s (not run: see `make load`)"]
    share = load["dashboard"]["rps"] / load["healthz"]["rps"]
    out = [
        f"[{_verdict(share >= LOAD_SHARE)}] make load ({load['backend']}): dashboard ≥ {LOAD_SHARE:.0%} of /healthz "
        f"requests/s ({load['dashboard']['rps']:,.0f} vs {load['healthz']['rps']:,.0f} req/s = {share:.0%})"
    ]
    mixed = load.get("mixed")
    if mixed:
        kept = mixed["rps"] / load["dashboard"]["rps"]
        out.append(
            f"[{_verdict(kept >= MIXED_SHARE)}] make load ({load['backend']}): readers with a clerk saving every "
            f"second keep ≥ {MIXED_SHARE:.0%} of the dashboard's requests/s ({mixed['rps']:,.0f} vs "
            f"{load['dashboard']['rps']:,.0f} req/s = {kept:.0%}; {mixed.get('saves', 0)} saves)"
        )
    return out


def _export_goal(backend: str, size: str, case: dict) -> str:
    ratio = case["seconds"] / case["floor_seconds"] if case.get("floor_seconds") else None
    rss, heap = case.get("peak_rss_bytes"), case.get("peak_bytes")
    if ratio is None:
        return f"[n/a] {backend}: {case['label']} at {size}: incomplete"
    memory = f"peak RSS of its own process {_mb(rss)} MB" if rss is not None else ""
    if heap is not None:
        memory += f"{', ' if memory else ''}Python heap {_mb(heap)} MB"
    large = size == "1/15,000"  # the 15,000-project workbook: its memory is a goal too
    ok = ratio <= EXPORT_LIMIT and (not large or (rss is not None and rss < EXPORT_RSS))
    rss_goal = f" and peak RSS < {_mb(EXPORT_RSS)} MB" if large else ""
    return (
        f"[{_verdict(ok)}] {backend}: {case['label']} at {size} ≤ {EXPORT_LIMIT}× an XlsxWriter constant_memory floor"
        f"{rss_goal} ({_ms(case['seconds'])} ms vs {_ms(case['floor_seconds'])} ms = {ratio:.2f}×; {memory})"
    )


def exports_table(results: list[SizeResult]) -> str:
    """The workbooks: how big, and the memory of writing them (Python heap by tracemalloc, RSS of an own process)."""
    lines = [
        "| backend | size | sheets | cells written | file MB | median s | × XlsxWriter floor | peak Python heap MB | "
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
                       ("api", "API `/api/projects/?year=2026` (token)"),
                       ("bureau", "财政局 `/bureau/` (session; every department, stored results)"),
                       ("mixed", "dashboard `/` while a clerk saves every second")):
        row = load.get(key)
        if row:
            lines.append(f"| {label} | {row['rps']:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
                         f"{row['rps'] / base:.0%} |")
    return "\n".join(lines)
