"""Where the project index finds a dotted module (nhilint.project.layout): a file looked up, by
probing, under a package root; the listing of a root only spares the probes of names it does
not hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nhilint.project.layout import ProjectLayout


def _write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_modules_and_packages_under_the_roots(tmp_path):
    _write(tmp_path / "app" / "__init__.py")
    settings = _write(tmp_path / "app" / "settings.py")
    tool = _write(tmp_path / "src" / "tool" / "__init__.py")
    layout = ProjectLayout(tmp_path)
    assert layout.path_of("app.settings") == settings
    assert layout.path_of("app") == tmp_path / "app" / "__init__.py"
    assert layout.path_of("tool") == tool
    assert layout.path_of("requests") is None
    assert layout.path_of("app.missing") is None
    assert layout.module_of(settings) == ("app.settings", False)


def test_a_module_beside_its_importer_in_a_service_folder(tmp_path):
    _write(tmp_path / "backend" / "app" / "__init__.py")
    auth = _write(tmp_path / "backend" / "app" / "auth.py")
    views = _write(tmp_path / "backend" / "app" / "views.py")
    layout = ProjectLayout(tmp_path)
    assert layout.path_of("app.auth") is None  # not under the project's roots
    assert layout.path_of("app.auth", str(views)) == auth  # under the importer's package root


def test_a_module_created_later_is_found_after_forget(tmp_path):
    layout = ProjectLayout(tmp_path)
    assert layout.path_of("verifiers") is None
    created = _write(tmp_path / "verifiers.py")
    layout.forget()
    assert layout.path_of("verifiers") == created


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_or_a_file_outside_the_project_is_not_a_module(tmp_path):
    outside = _write(tmp_path / "outside" / "secrets.py")
    project = tmp_path / "project"
    project.mkdir()
    try:
        (project / "secrets.py").symlink_to(outside)
    except OSError:
        pytest.skip("no symbolic links here")
    assert ProjectLayout(project).path_of("secrets") is None


def test_names_in_another_case_are_probed_as_before(tmp_path):
    """A root's listing is compared in lower case: a file system that ignores case finds
    `Tokens.py` for `tokens`, one that does not, does not; the probe decides, as before."""
    _write(tmp_path / "Tokens.py")
    expected = tmp_path / "tokens.py" if (tmp_path / "tokens.py").exists() else None
    assert ProjectLayout(tmp_path).path_of("tokens") == expected


def test_an_unreadable_root_is_probed_file_by_file(tmp_path, monkeypatch):
    module = _write(tmp_path / "tokens.py")

    def refuse(path):
        raise PermissionError(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert ProjectLayout(tmp_path).path_of("tokens") == module
