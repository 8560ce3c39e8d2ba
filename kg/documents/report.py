"""What happened while reading: counts and every problem, so one bad file never stops a build.

>>> from kg.errors import DocumentError
>>> r = ReadReport()
>>> r.ok += 1
>>> r.add(DocumentError("E103", reason="whitespace only", doc="a.txt"))
>>> r.ok, r.failed, r.skipped
(1, 1, 0)
>>> print(r.summary().splitlines()[0])
read 1 document; 0 skipped, 1 failed, 0 warnings
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from kg.errors import DocumentError

log = logging.getLogger("kg.documents")

#: what each code means for the document: read anyway (warning), left out on purpose
#: (skipped) or could not be read (error).
SEVERITY: dict[str, str] = {
    "E104": "skipped",
    "E109": "skipped",
    "E110": "skipped",
    "E107": "warning",
    "E108": "warning",
    "E111": "warning",
}


def severity(code: str) -> str:
    """'warning', 'skipped' or 'error' for a DocumentError code."""
    return SEVERITY.get(code, "error")


@dataclass
class ReadReport:
    """Counts of documents read, skipped and failed, and the problems (as DocumentError)."""

    ok: int = 0
    problems: list[DocumentError] = field(default_factory=list)
    #: also log each problem as it is found (read_documents turns this on when it makes the report)
    log_problems: bool = False

    def add(self, error: DocumentError) -> None:
        """Record one problem."""
        self.problems.append(error)
        if self.log_problems:
            level = logging.WARNING if severity(error.code) == "warning" else logging.ERROR
            log.log(level, "%s", error)

    def _count(self, kind: str) -> int:
        return sum(1 for p in self.problems if severity(p.code) == kind)

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("error")

    @property
    def warnings(self) -> int:
        return self._count("warning")

    def codes(self) -> dict[str, list[str]]:
        """Problem codes by document name: ``{"a.txt": ["E103"]}``."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.doc or "", []).append(p.code)
        return out

    def summary(self, limit: int = 50) -> str:
        """A human-readable summary: one count line, then one line per problem."""
        noun = "document" if self.ok == 1 else "documents"
        lines = [
            f"read {self.ok} {noun}; {self.skipped} skipped, {self.failed} failed, {self.warnings} warnings"
        ]
        for p in self.problems[:limit]:
            lines.append(f"  {severity(p.code):8} {p}")
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more problems")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the report."""
        return {
            "ok": self.ok,
            "skipped": self.skipped,
            "failed": self.failed,
            "warnings": self.warnings,
            "problems": [
                {
                    "doc": p.doc,
                    "code": p.code,
                    "severity": severity(p.code),
                    "reason": p.reason,
                    "message": str(p),
                }
                for p in self.problems
            ],
        }
