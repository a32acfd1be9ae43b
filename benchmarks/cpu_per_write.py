"""Run a write benchmark and print the CPU it cost a write in the app servers and in PostgreSQL.

    python benchmarks/cpu_per_write.py --pgdata /path/to/cluster/data -- \
        kehoach bench --scale national --no-reads --no-docs --writes 2000 \
        --url http://127.0.0.1:8101 --url http://127.0.0.1:8102

CPU from /proc (Linux): every process whose command line names granian (the app servers of
``kehoach serve``), and the PostgreSQL cluster of ``--pgdata``: its postmaster's children, plus
what its exited children used (the postmaster's cutime). Writes are the "N ok" of the bench's
lines. On a shared machine CPU a write is steadier than writes a second (issue 11); run it on a
cluster nothing else uses, or PostgreSQL's figure counts the other work too.
"""

import argparse
import os
import re
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def snapshot(postmaster: str, servers: tuple[str, ...]) -> dict[str, float]:
    out = {"app": 0.0, "postgres": 0.0}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        st = _stat(pid)
        if st is None:
            continue
        cpu = (int(st[11]) + int(st[12])) / HZ  # utime + stime
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if any(s in cmd for s in servers):
            out["app"] += cpu
        if pid == postmaster:
            out["postgres"] += cpu + (int(st[13]) + int(st[14])) / HZ  # + reaped children
        elif st[1] == postmaster:
            out["postgres"] += cpu
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pgdata", required=True, help="the PostgreSQL cluster's data directory")
    parser.add_argument("--server", action="append", default=None, help="app server name (default granian)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with open(os.path.join(args.pgdata, "postmaster.pid")) as f:
        postmaster = f.readline().strip()
    servers = tuple(args.server or ["granian"])
    before, t0 = snapshot(postmaster, servers), time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True)
    after = snapshot(postmaster, servers)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    writes = sum(int(n) for n in re.findall(r"(\d+) ok,", run.stdout))
    if not writes:
        print("no write was counted (no 'N ok,' in the output)", file=sys.stderr)
        return 1
    app = (after["app"] - before["app"]) * 1000 / writes
    pg = (after["postgres"] - before["postgres"]) * 1000 / writes
    print(
        f"{writes} writes in {time.monotonic() - t0:.1f} s: CPU a write: app servers {app:.2f} ms, "
        f"PostgreSQL {pg:.2f} ms (add the bench's own 'client CPU')"
    )
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
