"""Data files shipped inside installed packages (pyspellchecker's word lists, syllapy's syllable table)."""

from __future__ import annotations

import importlib.util
import os


def package_path(package: str, name: str) -> str | None:
    """The path of ``name`` (a "/"-separated path) inside ``package`` when it is a plain file; found
    without importing the package (importing pyspellchecker, syllapy or ftfy runs code that takes
    longer than what netlint wants from them)."""
    spec = importlib.util.find_spec(package)
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        path = os.path.join(folders[0], *name.split("/"))
        if os.path.isfile(path):
            return path
    return None


def package_file(package: str, name: str) -> bytes:
    """The bytes of ``name`` inside ``package``; importlib.resources for an install that is not
    plain files on disk (a zip)."""
    path = package_path(package, name)
    if path is not None:
        with open(path, "rb") as file:
            return file.read()
    from importlib import resources

    return resources.files(package).joinpath(name).read_bytes()
