"""netlint: validate, lint and export structured patient-facing medical procedure content."""

__version__ = "1.0.0"
