"""Generate a valid, realistic netlint project of N documents, reproducibly from a seed.

Topics (one in ten documents) each list nine procedures and hold a size pathway whose
options point at procedures with matching indications; every section is cited, every
source is cited, the prose is plain patient-level English built from a pool of sentences
with varied wording (numbers and units, hyphens, apostrophes straight and curly, parentheses),
so that a correct netlint finds nothing and every rule does its full work.

    python bench/generate.py OUT_DIR --documents 10000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SITES = ["stomach", "duodenum", "small-intestine", "appendix", "colon", "rectum", "pancreas", "liver"]
# Sentences as patient pages write them: numbers and units, parentheses, hyphens, curly and straight
# apostrophes, a semicolon or a colon now and then; the slots in braces vary the wording from page to page.
SENTENCES = [
    "The surgeon removes the tumor and some normal tissue around it.",
    "Most people go home from the hospital within {time}.",
    "You may have {test} before the operation.",
    "Call {person} right away if you have {symptom}.",
    "This operation is used for small tumors of the {organ}.",
    "The tumor may be taken out through a thin tube with a light (an endoscope).",
    "You’ll need to stop eating and drinking 8 hours before surgery.",
    "Don't lift anything heavier than 10 pounds for {time}.",
    "It’s normal to feel tired for a while after surgery.",
    "A follow-up visit is usually set for 2 to 4 weeks after you go home.",
    "Some people need a short hospital stay; others go home the same day.",
    "{person_cap} will talk with you about the risks and benefits.",
    "Bring a list of all the medicines you take, including vitamins.",
    "Tumors smaller than 1 cm can often be removed without a large cut.",
    "The doctor may also take out nearby lymph nodes to check them for cancer.",
    "A lab doctor looks at the tissue to see if all of the cancer was removed.",
    "You might have a tube in your nose for a day or two.",
    "Walking soon after surgery helps you heal and lowers the risk of blood clots.",
    "Eat small meals and drink plenty of fluids while you recover.",
    "If part of the {organ} is removed, the ends are sewn back together.",
    "Ask what to do if you have {symptom} at home.",
    "Keep the wound clean and dry until your nurse says it’s OK to shower.",
    "Most people can drive again after 1 to 2 weeks, once they stop taking pain medicine.",
    "Blood tests and scans help show whether the cancer has come back.",
    "Some of these tumors make hormones that cause flushing or diarrhea.",
    "Your care team will tell you when to start eating solid food again.",
    "Surgery can sometimes ease symptoms even when the cancer has spread.",
    "The operation takes about 2 to 4 hours in most cases.",
    "You’ll get medicine through a vein so that you sleep during surgery.",
    "Write down your questions and bring them to your next visit.",
    "A nurse will check your blood pressure, pulse and temperature often.",
    "It can take {time} before your energy comes back.",
    "Tell your doctor about any allergies you have.",
    "Tests such as {test} show where the tumor is and how big it is.",
    "Sometimes the tumor is found by chance during an operation for another reason.",
    "Small tumors of the appendix are often cured by taking out the appendix.",
    "For larger tumors, part of the {organ} may be removed as well.",
    "Your stitches or staples are usually taken out after 7 to 10 days.",
    "Some people have loose stools for a few weeks after bowel surgery.",
    "A family member or friend should drive you home.",
    "Pain is usually worst in the first 2 or 3 days and then gets better.",
    "Ask whether you will need more treatment, such as medicine or radiation.",
    "You can usually go back to light work in 2 to 3 weeks.",
    "Try not to strain or lift heavy things for at least 6 weeks.",
    "Keep all of your follow-up visits, even if you feel well.",
    "The team checks your heart and lungs to make sure surgery is safe for you.",
    "You may see a small amount of blood in your first few bowel movements.",
    "Deep breathing helps keep your lungs clear after surgery.",
    "Your doctor may suggest a special diet for a short time.",
    "Quitting smoking before surgery helps you heal faster.",
    "If you take blood thinners, ask when to stop them before the operation.",
    "The cut in your belly may be 4 to 8 inches long.",
    "With keyhole surgery, the surgeon makes a few small cuts instead of one large one.",
    "A camera and thin tools are put in through the small cuts.",
    "People who have keyhole surgery often go home sooner.",
    "Tell your care team if you feel sad or worried: help is there for you.",
    "Many people with small tumors need no other treatment after surgery.",
    "Your doctor will explain the results of the tissue tests at a later visit.",
    "It’s a good idea to bring someone with you to each visit.",
    "Recovery takes {time} for most people.",
]
# What fills each slot.
SLOTS = {
    "time": ["a few days", "one or two weeks", "2 to 3 weeks", "about 6 weeks", "24 hours", "a month"],
    "test": ["a CT scan", "an MRI scan", "a blood test", "a chest X-ray", "an ultrasound", "a PET scan"],
    "person": ["your surgeon", "your nurse", "your doctor", "your care team", "the hospital"],
    "symptom": [
        "a fever", "chills", "a lot of pain", "redness around the cut", "bleeding that won't stop",
        "trouble breathing", "a swollen belly", "vomiting", "pain in your calf",
    ],
    "organ": ["stomach", "small intestine", "colon", "rectum", "pancreas", "liver", "bowel", "duodenum"],
}  # fmt: skip
MAX_GRADE = 8.0  # each paragraph's reading grade at most this (the default limit is 9)
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


def _sentence(rng: random.Random, template: str) -> str:
    fills = {name: rng.choice(options) for name, options in SLOTS.items() if "{" + name in template}
    if "{person_cap}" in template:
        person = rng.choice(SLOTS["person"])
        fills["person_cap"] = person[0].upper() + person[1:]
    return template.format(**fills)


def _paragraph(rng: random.Random, count: int) -> str:
    """``count`` different sentences, drawn again (reproducibly) until their reading grade is at most
    MAX_GRADE, so that a generated project is clean whatever the seed."""
    from netlint.prose.readability import measure

    while True:
        text = " ".join(_sentence(rng, template) for template in rng.sample(SENTENCES, count))
        if measure(text).grade <= MAX_GRADE:
            return text


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
