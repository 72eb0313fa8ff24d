#!/usr/bin/python3
"""Executes CreditLab's notebooks headless with nbconvert's ExecutePreprocessor and the 'java' kernel.

    run_notebooks.py [--profile QUICK|FULL] [--timeout S] [--jobs N] [NAME ...]

NAME is a notebook file name, with or without .ipynb, or the start of one notebook's name ("kunin"); default: every
notebook in notebooks/. Each notebook runs with
notebooks/ as its working directory; its figures go to figures/<notebook>/ (figures/quick/<notebook>/ in the QUICK
profile, so that QUICK never overwrites the paper-scale figures) and the executed copy to target/notebooks/. If a cell fails, the run names the notebook and the cell, goes on with the other notebooks, and
exits with status 1.

--jobs N runs N notebooks side by side, each in its own process with its own kernel. The runs inside a notebook
already use every core (CREDITLAB_WORKERS, default one per core), so side by side each notebook gets
cores / N workers unless CREDITLAB_WORKERS is set.
"""
import argparse
import contextlib
import os
import queue
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
# Our own messages go to a copy of stdout, so that the kernel's output (fd 1 and 2) can be sent to a log file.
CONSOLE = os.fdopen(os.dup(1), "w", buffering=1)


def say(text):
    print(text, file=CONSOLE, flush=True)

NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "target" / "notebooks"


def find(names):
    if not names:
        return sorted(NOTEBOOKS.glob("*.ipynb"))
    out = []
    have = sorted(NOTEBOOKS.glob("*.ipynb"))
    for n in names:
        p = NOTEBOOKS / (n if n.endswith(".ipynb") else n + ".ipynb")
        if not p.is_file():
            # the start of one notebook's name is enough ("kunin" for kunin2020-two-routes)
            starts = [q for q in have if q.stem.startswith(n.removesuffix(".ipynb"))]
            if len(starts) != 1:
                sys.exit(f"no notebook {p}; have: {', '.join(q.stem for q in have)}")
            p = starts[0]
        out.append(p)
    return out


def first_error(nb):
    """(index, cell, error output) of the first cell whose outputs hold an error."""
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                return i, cell, o
    return None


def save(nb, path):
    EXECUTED.mkdir(parents=True, exist_ok=True)
    tmp = EXECUTED / (path.name + ".tmp")
    nbformat.write(nb, str(tmp))
    os.replace(tmp, EXECUTED / path.name)


def log_file(path):
    """target/notebooks/<name>.kernel.log: where the kernel of the notebook at path writes."""
    return EXECUTED / (path.stem + ".kernel.log")


@contextlib.contextmanager
def kernel_log(path):
    """Sends the kernel's own output (start-up and per-message log lines) to target/notebooks/<name>.kernel.log."""
    EXECUTED.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(log_file(path), "wb") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)


# rapaio-jupyter-kernel 3.0.1 binds its shell socket a moment before it installs its message handlers; a message that
# arrives in between kills the shell thread (NullPointerException on "this.handlers") and the kernel never answers.
# nbclient asks for kernel_info at once, which on a loaded machine lands in that window. So the kernel is started
# here, and the client connects only after the kernel has logged its shell binding and a short settling time.
SHELL_BOUND = b"[ShellChannel]: Binding"
SHELL_DEAD = b'"this.handlers" is null'
# A kernel logs each message its shell thread reads. Some start with their sockets bound but never read one (a thread
# dump of such a kernel showed its shell thread polling and its control thread gone); waiting longer does not help.
SHELL_READ = b"[ShellChannel]: Handling message"
QUIET_S = 30
SETTLE_S = 3
READY_S = 90
ATTEMPTS = 5


def start_kernel(path, startup_timeout, settle_s=SETTLE_S):
    """A started 'java' kernel whose shell is ready for messages; RuntimeError if it does not get there in time."""
    km = KernelManager(kernel_name="java")
    km.start_kernel(cwd=str(NOTEBOOKS))
    log = log_file(path)
    deadline = time.time() + startup_timeout
    while time.time() < deadline:
        text = log.read_bytes() if log.exists() else b""
        if SHELL_BOUND in text or not km.is_alive():
            break
        time.sleep(0.5)
    time.sleep(settle_s)
    text = log.read_bytes() if log.exists() else b""
    if not km.is_alive() or SHELL_BOUND not in text or SHELL_DEAD in text:
        km.shutdown_kernel(now=True)
        raise RuntimeError("the kernel did not bind its shell channel in time" if SHELL_BOUND not in text
                           else "the kernel exited or lost its shell thread during start-up")
    return km


def unready_reason(km, path, timeout, quiet_s):
    """None once the kernel answers kernel_info on its shell channel and publishes on iopub (what nbclient waits for),
    else which of the two it did not do within timeout seconds, that its shell thread died, or that it read no message
    at all within quiet_s seconds."""
    log = log_file(path)
    kc = km.blocking_client()
    kc.start_channels()
    answered = published = False
    started = time.time()
    deadline = started + timeout
    try:
        while time.time() < deadline:
            kc.kernel_info()
            try:
                answered = answered or kc.get_shell_msg(timeout=1)["msg_type"] == "kernel_info_reply"
            except queue.Empty:
                pass
            try:
                for _ in range(100):  # drain what is queued; bounded in case the kernel publishes without pause
                    kc.get_iopub_msg(timeout=0.2)
                    published = True
            except queue.Empty:
                pass
            if answered and published:
                return None
            if not km.is_alive():
                return "it exited before answering"
            text = log.read_bytes() if log.exists() else b""
            if SHELL_DEAD in text:
                return "its shell thread died on a message that came before its handlers were installed"
            if SHELL_READ not in text and time.time() - started > quiet_s:
                return f"it bound its sockets but read no message in {quiet_s} s"
    finally:
        kc.stop_channels()
    if answered:
        return f"it answered kernel_info but published nothing on its iopub channel in {timeout} s"
    return f"it bound its sockets but did not answer kernel_info in {timeout} s" + (
        " (nor publish on iopub)" if not published else "")


def kernel_log_excerpt(path, lines=25):
    """The kernel log's last lines, without its classpath listing: what to read when a kernel does not start."""
    log = log_file(path)
    if not log.exists():
        return [f"(no kernel log at {log})"]
    text = log.read_text(errors="replace").splitlines()
    # the classpath listing and the connection file (ports and the session key) say nothing about the failure
    kept = [t for t in text if not t.startswith(("Add ", "Parsing classpath", "  \"", "}"))
            and "connection file content" not in t]
    return kept[-lines:] or ["(the kernel log is empty)"]


def run(path, timeout, startup_timeout):
    """'ok', 'cell' (a cell failed) or 'kernel' (no kernel answered in ATTEMPTS attempts)."""
    nb = nbformat.read(str(path), as_version=4)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    started = time.time()

    def on_executed(cell, cell_index, **kwargs):
        say(f"  [{path.stem}] cell {cell_index} done ({time.time() - started:.0f} s)")

    for attempt in range(1, ATTEMPTS + 1):
        # The JVM may take minutes to bind its sockets on a loaded machine (start_kernel waits up to startup_timeout);
        # once bound, a kernel usually answers kernel_info within seconds, and one that does not may have lost its
        # shell thread (seen on a fresh machine: "Kernel didn't respond"), so it is replaced after READY_S seconds
        # rather than the whole start-up timeout. But with both cores busy (two trainings beside the notebooks) a live
        # kernel has also needed more than 90 s to answer, three times in a row, so each attempt waits longer. A kernel
        # that reads no message at all (SHELL_READ) is replaced sooner, and one whose shell thread died at once; the
        # next attempt then also lets its kernel settle longer before the first message.
        ready_s = READY_S * attempt
        settle_s = SETTLE_S * attempt
        quiet_s = QUIET_S * attempt
        ep = ExecutePreprocessor(timeout=timeout, startup_timeout=ready_s, kernel_name="java")
        ep.on_cell_executed = on_executed
        try:
            with kernel_log(path):
                km = start_kernel(path, startup_timeout, settle_s)
                try:
                    # Our own check first, so that a failure says which channel stayed silent.
                    reason = unready_reason(km, path, ready_s, quiet_s)
                    if reason:
                        raise RuntimeError(f"the kernel is not ready: {reason}")
                    ep.preprocess(nb, {"metadata": {"path": str(NOTEBOOKS)}}, km=km)
                finally:
                    if ep.kc is not None:
                        ep.kc.stop_channels()
                    km.shutdown_kernel(now=True)
            save(nb, path)
            say(f"OK   {path.name}: {code_cells} code cells in {time.time() - started:.0f} s")
            return "ok"
        except CellExecutionError:
            save(nb, path)
            found = first_error(nb)
            if found:
                i, cell, err = found
                source = cell.source.strip().splitlines()
                say(f"FAIL {path.name}, cell {i} (starting '{source[0] if source else ''}'): "
                      f"{err.get('ename')}: {err.get('evalue')}")
                for line in err.get("traceback", [])[:15]:
                    say("     " + re.sub(r"\x1b\[[0-9;]*m", "", line))
            else:
                say(f"FAIL {path.name}: a cell failed (see {EXECUTED / path.name})")
            return "cell"
        except RuntimeError as e:  # the kernel did not start or died
            say(f"     {path.name}: kernel problem on attempt {attempt}: {e}; its log ends:")
            for line in kernel_log_excerpt(path):
                say("       | " + line)
            if attempt == ATTEMPTS:
                say(f"     {path.name}: the 'java' kernel did not start in {ATTEMPTS} attempts "
                    f"(kernel log: {log_file(path)})")
                return "kernel"
            nb = nbformat.read(str(path), as_version=4)
            started = time.time()


def run_in_turn(paths, args):
    """Runs the notebooks one after another; returns the failed names. A notebook whose kernel never answered gets a
    second round after the others: the one time this happened (CI, an idle machine, three fresh kernels silent for nine
    minutes) the next notebook's kernel answered at once, so a later try is worth more than a longer wait."""
    outcome = {p: run(p, args.timeout, args.startup_timeout) for p in paths}
    for p in [p for p in paths if outcome[p] == "kernel"]:
        say(f"     {p.name}: trying again now that the other notebooks have run")
        outcome[p] = run(p, args.timeout, args.startup_timeout)
    for p in paths:
        if outcome[p] == "kernel":
            say(f"FAIL {p.name}: the 'java' kernel did not start; run environment/setup.sh, "
                f"and read {log_file(p)}")
    return [p.name for p in paths if outcome[p] != "ok"]


def run_side_by_side(paths, args):
    """Runs each notebook in a child process of this script, at most args.jobs at a time; returns the failed names."""
    env = dict(os.environ)
    env.setdefault("CREDITLAB_WORKERS", str(max(1, (os.cpu_count() or 1) // args.jobs)))
    waiting, running, failed = list(paths), {}, []
    while waiting or running:
        while waiting and len(running) < args.jobs:
            p = waiting.pop(0)
            cmd = [sys.executable, __file__, "--profile", args.profile, "--timeout", str(args.timeout),
                   "--startup-timeout", str(args.startup_timeout), p.stem]
            running[p] = subprocess.Popen(cmd, env=env, stdout=CONSOLE, stderr=subprocess.STDOUT)
        for p, proc in list(running.items()):
            if proc.poll() is not None:
                del running[p]
                if proc.returncode != 0:
                    failed.append(p.name)
        time.sleep(0.5)
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--profile", choices=["QUICK", "FULL"], default=os.environ.get("CREDITLAB_PROFILE", "QUICK").upper())
    ap.add_argument("--timeout", type=int, default=3600, help="seconds one cell may run (default 3600)")
    # A JVM and its start-up script can take minutes on a loaded machine; a kernel that dies is noticed at once.
    ap.add_argument("--startup-timeout", type=int, default=600, help="seconds the kernel may take to start (default 600)")
    ap.add_argument("--jobs", type=int, default=1, help="notebooks run side by side (default 1)")
    args = ap.parse_args()
    os.environ["CREDITLAB_PROFILE"] = args.profile
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    paths = find(args.names)
    began = time.time()
    say(f"Running {len(paths)} notebook(s), profile {args.profile}" + (f", {args.jobs} side by side" if args.jobs > 1 else ""))
    if args.jobs > 1 and len(paths) > 1:
        failed = run_side_by_side(paths, args)
    else:
        failed = run_in_turn(paths, args)
    say(f"Wall time: {time.time() - began:.0f} s")
    if failed:
        say(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")
        sys.exit(1)
    figures = ROOT / "figures" / "quick" if args.profile == "QUICK" else ROOT / "figures"
    say(f"All {len(paths)} notebook(s) ran; figures are in {figures}")


if __name__ == "__main__":
    main()
