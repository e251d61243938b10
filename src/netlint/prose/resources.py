"""Data files shipped inside installed packages (pyspellchecker's word lists, syllapy's syllable table)."""

from __future__ import annotations

import importlib.util
import os


def package_file(package: str, name: str) -> bytes:
    """The bytes of ``name`` (a "/"-separated path) inside ``package``, read without importing the package.

    Importing pyspellchecker or syllapy runs code (package metadata, logging) that takes longer
    than reading the file; importlib.resources is the fallback for an install that is not plain
    files on disk (a zip).
    """
    spec = importlib.util.find_spec(package)
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        path = os.path.join(folders[0], *name.split("/"))
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    from importlib import resources

    return resources.files(package).joinpath(name).read_bytes()
