"""Benchmark netlint against the YAML-parsing floor and check-jsonschema, on generated projects.

    python bench/run.py                 # 1,000 and 10,000 documents, 5 repetitions
    python bench/run.py --sizes 1000 --repeat 5 --no-check-jsonschema

Every measurement runs as a fresh process; the cases are interleaved (each
repetition runs every case once, in a new order) and the median is reported, so
a slow moment on the machine hits all cases alike. Each cold run is also paired
with a floor run made just before it, and each warm run with a cold run made just
before it, and the median of those ratios reported: on a machine whose speed
drifts, it is the steadier comparison. Projects under 5,000
documents get at least --small-repeat repetitions: their runs are short.
check-jsonschema, tens of times slower than the rest, runs once per size. Peak memory is the maximum
resident set size of the process (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

# For context, not a target: loading every file into Python objects with the C loader (what "just
# parsing" with PyYAML usually means), which keeps no line marks. The floor above composes nodes
# that carry them, as a linter needs, and is the faster of the two.
LOAD = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def netlint_cmd() -> list[str]:
    found = shutil.which("netlint", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "netlint"]


def measure(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one run of ``cmd``."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]) // 1024, int(out[2])


def bundled_procedure_schema(target: Path) -> Path:
    """The procedure schema with common.schema.json inlined, so check-jsonschema resolves it offline."""
    schema_dir = REPO / "schema"
    procedure = json.loads((schema_dir / "procedure.schema.json").read_text(encoding="utf-8"))
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(procedure).replace('"common.schema.json#/$defs/', '"#/$defs/')
    bundled = json.loads(text)
    defs = json.loads(json.dumps(common.get("$defs", {})).replace('"common.schema.json#/$defs/', '"#/$defs/'))
    bundled.setdefault("$defs", {}).update(defs)
    bundled.pop("$id", None)
    target.write_text(json.dumps(bundled), encoding="utf-8")
    return target


def compile_netlint() -> None:
    """Write netlint's bytecode, as installing a wheel does: an editable install run with
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module again in every measured run."""
    import compileall

    import netlint

    compileall.compile_dir(str(Path(netlint.__file__).parent), quiet=1)


WARM_PAIRED = "warm / cold (jobs auto)"
Medians = dict[str, dict[str, tuple[float, int]]]  # size -> case -> (median seconds, peak MB)
Paired = dict[str, dict[str, float]]  # size -> cold case -> median of (case / the floor run just before it)


def run(
    sizes: Sequence[int], repeat: int, with_check_jsonschema: bool, workdir: Path, small_repeat: int = 7
) -> tuple[Medians, Paired]:
    compile_netlint()
    netlint = netlint_cmd()
    env = dict(os.environ, NETLINT_TODAY="2026-11-26")
    results: dict[str, dict[str, list[tuple[float, int]]]] = {}
    pairs: dict[str, dict[str, list[float]]] = {}
    projects = {n: generate(workdir / f"project-{n}", n, seed=1) for n in sizes}
    schema = bundled_procedure_schema(workdir / "procedure.bundled.json")
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    for n, root in projects.items():
        procedures = sorted((root / "content" / "procedures").glob("*.yaml"))
        topics = sorted((root / "content" / "topics").glob("*.yaml"))
        one = procedures[len(procedures) // 2]
        # The file each pre-commit case edits (appending a comment) after the cache is filled.
        edits = {
            "netlint one changed file, warm": one,
            "netlint one changed topic, warm": topics[len(topics) // 2],
            "netlint sources.yaml changed, warm": root / "content" / "sources.yaml",
            "netlint whole project, one file changed, warm": one,
        }
        cases: dict[str, tuple[list[str], bool]] = {
            "floor: parse with the C loader": ([sys.executable, "-c", FLOOR, str(root / "content")], False),
            "context: yaml.load with the C loader (no marks)": (
                [sys.executable, "-c", LOAD, str(root / "content")],
                False,
            ),
            "netlint cold --jobs 1": ([*netlint, "validate", "--no-cache", "--jobs", "1"], False),
            "netlint cold --jobs 1, P rules off": (
                [*netlint, "validate", "--no-cache", "--jobs", "1", "--ignore", "P"],
                False,
            ),
            "netlint cold (jobs auto)": ([*netlint, "validate", "--no-cache"], False),
            "netlint cold (jobs auto), P rules off": ([*netlint, "validate", "--no-cache", "--ignore", "P"], False),
            "netlint warm (cache on)": ([*netlint, "validate"], True),
            "netlint one changed file, warm": ([*netlint, "validate", str(one)], True),
            "netlint one changed topic, warm": (
                [*netlint, "validate", str(edits["netlint one changed topic, warm"])],
                True,
            ),
            "netlint sources.yaml changed, warm": (
                [*netlint, "validate", str(edits["netlint sources.yaml changed, warm"])],
                True,
            ),
            "netlint whole project, one file changed, warm": ([*netlint, "validate"], True),
        }
        if n == sizes[0]:
            cases["python -c pass"] = ([sys.executable, "-c", "pass"], False)
            cases["python -c 'import yaml'"] = ([sys.executable, "-c", "import yaml"], False)
            cases["netlint --version"] = ([*netlint, "--version"], False)
        if with_check_jsonschema and checker:
            procs = sorted(str(p) for p in (root / "content" / "procedures").glob("*.yaml"))
            cases["check-jsonschema (procedures)"] = ([checker, "--schemafile", str(schema), *procs], False)
        bucket = results.setdefault(str(n), {name: [] for name in cases})  # reported in this order
        paired = pairs.setdefault(str(n), {name: [] for name in cases if name.startswith("netlint cold")})
        paired[WARM_PAIRED] = []
        order = random.Random(n)
        edited = time.time()  # when files were last written: generated, or edited by a case
        # Small projects run in well under a second, where a busy moment on the machine weighs most:
        # they get more repetitions. Each repetition runs the cases in a new order.
        for repetition in range(repeat if n >= 5000 else max(repeat, small_repeat)):
            # check-jsonschema is tens of times slower than anything else here: one run tells enough.
            names = [name for name in cases if repetition == 0 or not name.startswith("check-jsonschema")]
            order.shuffle(names)
            for name in names:
                cmd, warm = cases[name]
                cold = None
                if name == "netlint warm (cache on)":  # and a cold run just before, to pair them
                    cold, _, _ = measure(cases["netlint cold (jobs auto)"][0], root, env)
                if name == "netlint warm (cache on)":
                    # An unchanged project: netlint never trusts the signature of a file changed less
                    # than two seconds before a run (a second change could leave its times as they
                    # were), so a case that edited a file a moment ago must not leave it "changed".
                    time.sleep(max(0.0, edited + 2.1 - time.time()))
                if warm:  # make sure the cache is filled by an earlier run
                    measure([*netlint, "validate"], root, env)
                if name in edits:  # one file edited since the cache was filled (pre-commit, or CI on a change)
                    with edits[name].open("a", encoding="utf-8") as handle:
                        handle.write("# edited\n")
                    edited = time.time()
                floor = None
                if name in paired:
                    # This machine's speed drifts by a third within a minute: a cold run is also
                    # compared with a floor run made just before it, which drifts with it.
                    floor, _, _ = measure(cases["floor: parse with the C loader"][0], root, env)
                seconds, rss, _ = measure(cmd, root, env)
                bucket[name].append((seconds, rss))
                if floor is not None:
                    paired[name].append(seconds / floor)
                if cold is not None:
                    paired[WARM_PAIRED].append(seconds / cold)
    medians = {
        n: {name: (statistics.median(s for s, _ in runs), max(r for _, r in runs)) for name, runs in cases.items()}
        for n, cases in results.items()
    }
    return medians, {n: {name: statistics.median(r) for name, r in cases.items()} for n, cases in pairs.items()}


def report(medians: Medians, paired: Paired) -> str:
    lines = [
        "| documents | case | median s | × floor | × floor, paired | peak MB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n, cases in medians.items():
        floor = cases["floor: parse with the C loader"][0]
        for name, (seconds, rss) in cases.items():
            pair = paired.get(n, {}).get(name) if name != WARM_PAIRED else None
            shown = f"{pair:.2f}" if pair is not None else ""
            lines.append(f"| {n} | {name} | {seconds:.3f} | {seconds / floor:.2f} | {shown} | {rss} |")
    lines.append("")
    lines.append(
        "× floor: the median over the floor's median. × floor, paired: the median of each cold run over "
        "a floor run made just before it."
    )
    if len(medians) >= 2:
        small, large = list(medians)[:2]
        ratio = medians[large]["netlint cold --jobs 1"][0] / medians[small]["netlint cold --jobs 1"][0]
        lines.append("")
        lines.append(f"Growth, cold --jobs 1: {large} documents take {ratio:.1f}× as long as {small}.")
    for n, cases in medians.items():
        load = cases["context: yaml.load with the C loader (no marks)"][0]
        lines.append(
            f"{n} documents: cold --jobs 1 takes {cases['netlint cold --jobs 1'][0] / load:.2f}× as long as "
            f"yaml.load with the C loader (context; the target is against the floor)."
        )
    for n, cases in medians.items():
        on, off = cases["netlint cold --jobs 1"][0], cases["netlint cold --jobs 1, P rules off"][0]
        lines.append(f"{n} documents: the P rules on take {on / off:.2f}× as long as with them off (--jobs 1).")
        on, off = cases["netlint cold (jobs auto)"][0], cases["netlint cold (jobs auto), P rules off"][0]
        lines.append(f"{n} documents: the P rules on take {on / off:.2f}× as long as with them off (jobs auto).")
    for n, cases in medians.items():
        cold = cases["netlint cold (jobs auto)"][0]
        warm = cases["netlint warm (cache on)"][0]
        serial = cases["netlint cold --jobs 1"][0]
        pair = paired.get(n, {}).get(WARM_PAIRED)
        shown = f" (paired with a cold run just before it: {100 * pair:.1f}%)" if pair is not None else ""
        lines.append(
            f"{n} documents: warm run is {100 * warm / cold:.1f}% of the cold run (jobs auto){shown}, "
            f"{100 * warm / serial:.1f}% of the cold run with --jobs 1."
        )
    first = next(iter(medians.values()))
    if "netlint --version" in first:
        base = first["python -c 'import yaml'"][0]
        lines.append(
            f"Start-up: netlint --version is {first['netlint --version'][0] / base:.2f}× python -c 'import yaml'."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--small-repeat", type=int, default=7, help="repetitions for projects under 5,000 documents (default 7)"
    )
    parser.add_argument("--no-check-jsonschema", action="store_true")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to generate the projects (default: a temp dir)"
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="netlint-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    medians, paired = run(args.sizes, args.repeat, not args.no_check_jsonschema, workdir, args.small_repeat)
    print(report(medians, paired))
    print(
        f"\n(cpu count {os.cpu_count()}; {args.repeat} repetitions, {max(args.repeat, args.small_repeat)} under "
        f"5,000 documents; {time.perf_counter() - started:.0f} s in all)"
    )
    resource.getrusage(resource.RUSAGE_SELF)


if __name__ == "__main__":
    main()
