"""Every rule code, known without importing the rule modules.

Reading a configuration needs the codes (to reject an unknown one in `select` or `ignore`), and a
warm run answered from the cache needs nothing else from the rules: importing all of them would
cost it more than a tenth of its time. It lives outside the netlint.rules package, whose
`__init__` registers the Y rules. tests/test_meta.py checks this list against the registry.
"""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "C001", "C002", "C003", "C004", "C005", "C006",
    "N001", "N002", "N003", "N004",
    "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009",
    "R001", "R002", "R003", "R004", "R005", "R006", "R007",
    "S001", "S002", "S003",
    "T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008",
    "Y001", "Y002", "Y003", "Y004", "Y005", "Y006", "Y007",
)  # fmt: skip
