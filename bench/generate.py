"""Generate a valid, realistic netlint project of N documents, reproducibly from a seed.

Topics (one in ten documents) each list nine procedures and hold a size pathway whose
options point at procedures with matching indications; every section is cited, every
source is cited, the prose is plain patient-level English built from a pool of sentences,
so that a correct netlint finds nothing and every rule does its full work.

    python bench/generate.py OUT_DIR --documents 10000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SITES = ["stomach", "duodenum", "small-intestine", "appendix", "colon", "rectum", "pancreas", "liver"]
SENTENCES = [
    "The surgeon removes the tumor and some normal tissue around it.",
    "Most people go home from the hospital within a few days.",
    "Your care team will explain what to expect before the operation.",
    "The doctor checks the tissue under a microscope after surgery.",
    "Some people need more treatment after this operation.",
    "The lymph nodes near the tumor may also be taken out.",
    "You will get medicine so that you do not feel pain during surgery.",
    "Ask your doctor about the possible side effects of the operation.",
    "Small tumors can sometimes be removed through an endoscope.",
    "A larger tumor may need a bigger operation.",
    "The goal is to take out all of the cancer if it is possible.",
    "After surgery, you may need to change what you eat for a while.",
    "Tell your care team if you have a fever or a lot of pain at home.",
    "The tissue that is removed is sent to a lab to be checked.",
    "This operation is done in a hospital by a trained surgeon.",
    "Recovery takes a few weeks for most people.",
]
GLOSSARY = [
    (
        "neuroendocrine tumor",
        ["neuroendocrine tumors", "NET", "NETs"],
        "A tumor that starts in cells that make hormones.",
    ),
    ("endoscope", ["endoscopes"], "A thin tube with a light and camera used to look inside the body."),
    ("lymph node", ["lymph nodes"], "A small bean-shaped organ that helps fight infection."),
    ("resection", ["resections"], "An operation to remove tissue or part of an organ."),
    ("duodenum", [], "The first part of the small intestine."),
    ("appendix", [], "A small pouch attached to the large intestine."),
    ("pancreas", [], "An organ behind the stomach that makes digestive juices and hormones."),
    ("metastasis", ["metastases"], "Cancer that has spread to another part of the body."),
]


def _wrap(text: str, indent: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    pad = " " * indent
    return "\n".join(pad + item for item in lines)


def _paragraph(rng: random.Random, count: int) -> str:
    return " ".join(rng.sample(SENTENCES, count))


def _procedure(pid: str, rng: random.Random, sources: list[str], indication: tuple[str, str, int] | None) -> str:
    site = indication[0] if indication else rng.choice(SITES)
    sites = sorted({site, rng.choice(SITES)}, key=SITES.index)
    lines = [
        "# yaml-language-server: $schema=../../schema/procedure.schema.json",
        "schema_version: 1",
        "kind: procedure",
        f"id: {pid}",
        f"title: Operation {pid.split('-')[-1]}",
        "summary: >",
        _wrap(_paragraph(rng, 2), 2),
        "intent: [curative]",
        "approach: surgical",
        f"sites: [{', '.join(sites)}]",
    ]
    if indication:
        isite, bound, value = indication
        words = "or smaller" if bound == "lte" else ""
        text = (
            f"For tumors {value} cm {words}".strip() + "." if bound == "lte" else f"For tumors larger than {value} cm."
        )
        lines += [
            "indications:",
            f"  - site: {isite}",
            f"    size: {{{bound}: {value}, unit: cm}}",
            f"    text: {text}",
            f"    cites: [{rng.choice(sources)}]",
        ]
    lines += ["removes:", "  - the tumor", "  - a margin of normal tissue", "sections:"]
    for heading in ("What happens", "Before the operation", "After the operation", "Going home", "Follow-up care"):
        lines += [
            f"  - heading: {heading}",
            "    text: >",
            _wrap(_paragraph(rng, 4), 6),
            f"    cites: [{', '.join(sorted(rng.sample(sources, 2)))}]",
        ]
    lines += [
        "risks:",
        "  - Bleeding",
        "  - Infection",
        "  - A leak where the ends of the intestine are joined",
        "review:",
        "  last_reviewed: 2025-08-08",
        "  next_review_due: 2028-08-08",
        "  reviewed_by: [content-team, clinical-board]",
    ]
    return "\n".join(lines) + "\n"


def _topic(tid: str, procs: list[str], rng: random.Random, sources: list[str], site: str, value: int) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schema/topic.schema.json",
        "schema_version: 1",
        "kind: topic",
        f"id: {tid}",
        f"title: Surgery guide {tid.split('-')[-1]}",
        "language: en",
        "audience: patient",
        "summary: >",
        _wrap(_paragraph(rng, 2), 2),
        "sections:",
    ]
    for heading in ("Overview", "Choosing an operation", "Questions to ask"):
        lines += [
            f"  - heading: {heading}",
            "    text: >",
            _wrap(_paragraph(rng, 4), 6),
            f"    cites: [{rng.choice(sources)}]",
        ]
    lines += ["procedures:"] + [f"  - {p}" for p in procs]
    lines += [
        "pathways:",
        f"  - id: {tid}-by-size",
        f"    site: {site}",
        "    question: Which operation is used for this tumor?",
        "    options:",
        f"      - size: {{lte: {value}, unit: cm}}",
        f"        procedure: {procs[0]}",
        f"        text: A smaller operation is used for tumors of {value} cm or smaller.",
        f"      - size: {{gt: {value}, unit: cm}}",
        f"        procedure: {procs[1]}",
        f"        text: A bigger operation may be needed for tumors larger than {value} cm.",
        f"    cites: [{rng.choice(sources)}]",
        "review:",
        "  last_reviewed: 2025-08-08",
        "  next_review_due: 2028-08-08",
        "  reviewed_by: [content-team, clinical-board]",
    ]
    return "\n".join(lines) + "\n"


def generate(out: Path, documents: int, seed: int = 1) -> Path:
    """Write the project to ``out`` (replacing it) and return ``out``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    (content / "topics").mkdir(parents=True)
    (content / "procedures").mkdir(parents=True)
    (out / "netlint.toml").write_text('content = "content"\n', encoding="utf-8")
    source_count = max(5, documents // 200)
    sources = [f"source-{i:04d}" for i in range(source_count)]
    src_lines = [
        "# yaml-language-server: $schema=../schema/sources.schema.json",
        "schema_version: 1",
        "kind: sources",
        "sources:",
    ]
    for i, sid in enumerate(sources):
        src_lines += [
            f"  - id: {sid}",
            "    type: guideline",
            f"    title: Clinical guideline number {i}",
            "    publisher: A national cancer institute",
            "    year: 2024",
            f"    url: https://guidelines.example.org/{sid}",
            "    accessed: 2025-03-20",
        ]
    (content / "sources.yaml").write_text("\n".join(src_lines) + "\n", encoding="utf-8")
    (content / "contributors.yaml").write_text(
        "# yaml-language-server: $schema=../schema/contributors.schema.json\n"
        "schema_version: 1\nkind: contributors\ncontributors:\n"
        "  - id: content-team\n    name: The medical content team\n    roles: [author, editor]\n"
        "  - id: clinical-board\n    name: The clinical review board\n    roles: [clinical-reviewer]\n",
        encoding="utf-8",
    )
    terms = [
        "# yaml-language-server: $schema=../schema/glossary.schema.json",
        "schema_version: 1",
        "kind: glossary",
        "terms:",
    ]
    for term, variants, definition in GLOSSARY:
        terms += [f"  - term: {term}"]
        if variants:
            terms += [f"    variants: [{', '.join(variants)}]"]
        terms += [f"    definition: {definition}"]
    (content / "glossary.yaml").write_text("\n".join(terms) + "\n", encoding="utf-8")
    topics = max(1, documents // 10)
    procedures = documents - topics
    per_topic = max(2, -(-procedures // topics))
    made = 0
    for t in range(topics):
        tid = f"topic-{t:05d}"
        procs = [f"procedure-{made + k:06d}" for k in range(per_topic) if made + k < procedures]
        if len(procs) < 2:
            break
        site, value = rng.choice(SITES), rng.choice([1, 2, 3])
        for k, pid in enumerate(procs):
            indication = (site, "lte" if k == 0 else "gt", value) if k < 2 else None
            (content / "procedures" / f"{pid}.yaml").write_text(
                _procedure(pid, rng, sources, indication), encoding="utf-8"
            )
        made += len(procs)
        (content / "topics" / f"{tid}.yaml").write_text(_topic(tid, procs, rng, sources, site, value), encoding="utf-8")
    # Make sure every source is cited at least once.
    first = content / "procedures" / "procedure-000000.yaml"
    text = first.read_text(encoding="utf-8")
    first.write_text(
        text.replace(
            "  - heading: Follow-up care",
            "  - heading: Sources\n    text: These sources were used.\n    cites: ["
            + ", ".join(sources)
            + "]\n  - heading: Follow-up care",
            1,
        ),
        encoding="utf-8",
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.documents, args.seed)
    print(f"wrote {args.documents} documents to {args.out}")


if __name__ == "__main__":
    main()
