"""Benchmark: 20 clerks editing figures of their own reports at once on a server library.

    python tests/benchmarks/bench_server.py [--clerks 20] [--seconds 30] [--url postgresql://admin@host/db]

Each clerk is a thread with its own connection, signed in as its own PostgreSQL role granted one district
(so row-level security is on the path, as in an office), editing random figures of its district's quý II
report as fast as it can, each edit on the revision it last saw (the editor's optimistic concurrency). At the
end every report is read back: each figure must hold the last value its clerk wrote and each revision must
count every edit (zero lost edits). Prints edits per second, latency percentiles and the lost-edit count.

Without ``--url`` a throwaway local cluster is started (durable: fsync and synchronous commit on, as a
real server) and removed at the end; with ``--url`` (an empty database, a role that may create roles) the
clerks' roles are created there.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy.engine import make_url

from model.errors import StaleReport
from model.library.library import Library
from model.report.shipped import DEFAULT_TEMPLATE, load_template
from model.vietnamese.period import Period

PERIOD = Period(2018, 2)


@dataclass
class Clerk:
    role: str
    report_id: str
    latencies: list[float] = field(default_factory=list)
    last_written: dict[str, object] = field(default_factory=dict)
    revision: int = 0
    edits: int = 0
    refused: int = 0
    failure: str = ""


def _role_url(admin_url: str, role: str) -> str:
    return make_url(admin_url).set(username=role).render_as_string(hide_password=False)


def prepare(admin_url: str, clerks: int, run_id: str) -> list[Clerk]:
    """The province, its districts, one draft each, and a role per district clerk granted that district."""
    from sqlalchemy import text

    keys = [spec.key for spec in load_template(DEFAULT_TEMPLATE).fields.values() if spec.kind == "count"]
    result = []
    with Library.init_server(admin_url) as library:
        province = library.add_organization("Ủy ban nhân dân tỉnh Thử Nghiệm", "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM",
                                            "Thử Nghiệm")
        for number in range(1, clerks + 1):
            office = library.add_organization(f"Ủy ban nhân dân huyện {number:02d}",
                                              f"ỦY BAN NHÂN DÂN\nHUYỆN {number:02d}", "Thử Nghiệm",
                                              parent_id=province)
            report = library.create_report(office, PERIOD)
            library.set_values(report, {key: 1 for key in keys})
            role = f"bench_{run_id}_{number:02d}"
            with library.session() as session, session.begin():
                session.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            library.grant_offices(role, [office])
            result.append(Clerk(role, report, revision=library.report(report).revision))
    return result


def work(clerk: Clerk, url: str, keys: list[str], deadline: list[float], ready: threading.Barrier) -> None:
    rng = random.Random(clerk.role)
    try:
        with Library.open(url) as library:
            ready.wait()
            while time.perf_counter() < deadline[0]:
                key, value = rng.choice(keys), rng.randrange(1, 1_000_000)
                began = time.perf_counter()
                try:
                    edit = library.edit(clerk.report_id, {key: value}, clerk.revision)
                except StaleReport:  # never expected: nobody else edits this clerk's report
                    clerk.refused += 1
                    clerk.revision = library.report(clerk.report_id).revision
                    continue
                clerk.latencies.append(time.perf_counter() - began)
                clerk.revision = edit.revision
                clerk.edits += 1
                clerk.last_written.update(edit.written)
    except Exception as exc:  # reported with the numbers
        clerk.failure = f"{type(exc).__name__}: {exc}"
        ready.abort()


def lost_edits(admin_url: str, clerks: list[Clerk], start_revisions: dict[str, int]) -> int:
    """Figures not holding their clerk's last value, plus edits the revision does not count."""
    lost = 0
    with Library.open(admin_url) as library:
        for clerk in clerks:
            values = library.values(clerk.report_id)
            wrong = {key: (value, values.get(key)) for key, value in clerk.last_written.items()
                     if values.get(key) != value}
            counted = library.report(clerk.report_id).revision - start_revisions[clerk.report_id]
            if wrong or clerk.edits != counted:
                print(f"{clerk.role}: {clerk.edits} edits, revision counts {counted}; figures not as written "
                      f"(written, read): {wrong}")
            lost += len(wrong) + abs(clerk.edits - counted)
    return lost


def run(admin_url: str, clerks_count: int, seconds: float) -> int:
    clerks = prepare(admin_url, clerks_count, uuid.uuid4().hex[:6])
    keys = [spec.key for spec in load_template(DEFAULT_TEMPLATE).fields.values() if spec.kind == "count"]
    start_revisions = {c.report_id: c.revision for c in clerks}
    ready = threading.Barrier(len(clerks) + 1)  # every clerk connects first; the clock starts when all are ready
    deadline = [float("inf")]
    threads = [threading.Thread(target=work, args=(c, _role_url(admin_url, c.role), keys, deadline, ready))
               for c in clerks]
    for thread in threads:
        thread.start()
    ready.wait()
    began = time.perf_counter()
    deadline[0] = began + seconds
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    failures = [f"{c.role}: {c.failure}" for c in clerks if c.failure]
    latencies = sorted(x for c in clerks for x in c.latencies)
    edits = sum(c.edits for c in clerks)
    lost = lost_edits(admin_url, clerks, start_revisions)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"{len(clerks)} clerks (threads, each its own connection and role), {elapsed:.1f} s")
    print(f"edits: {edits}  ({edits / elapsed:.0f} edits/s)")
    print(f"latency per edit: median {quantiles[49] * 1000:.1f} ms, p95 {quantiles[94] * 1000:.1f} ms, "
          f"p99 {quantiles[98] * 1000:.1f} ms, max {latencies[-1] * 1000 if latencies else 0:.1f} ms")
    print(f"stale refusals: {sum(c.refused for c in clerks)} (expected 0)")
    print(f"lost edits: {lost}")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if lost or failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url", help="an empty database on an existing server (default: a local throwaway one)")
    args = parser.parse_args()
    if args.url:
        return run(args.url, args.clerks, args.seconds)
    from tests.pgserver import start_local_server

    server = start_local_server(durable=True)
    if server is None:
        print("PostgreSQL's server binaries are not installed (apt-get install postgresql).")
        return 2
    try:
        return run(server.new_database(), args.clerks, args.seconds)
    finally:
        server.remove()


if __name__ == "__main__":
    sys.exit(main())
