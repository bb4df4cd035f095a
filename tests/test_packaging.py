"""Packaging: a wheel carries every file the generator reads, and an installed copy finds its templates."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

from generator import assets

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_every_file_the_generator_reads() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {
        package: ROOT / setup["package-dir"].get(package, package.replace(".", "/"))
        for package in setup["packages"]
    }
    assert folders["generator.site_templates"] == assets.TEMPLATES_DIR
    assert folders["generator.site_static"] == assets.STATIC_DIR
    shipped = set(folders.values())
    for folder in [ROOT / "generator", *(ROOT / "generator").rglob("*")]:
        if folder.is_dir() and folder.name != "__pycache__" and any(p.is_file() for p in folder.iterdir()):
            assert folder in shipped, f"{folder.relative_to(ROOT)} is not a package of the wheel"
    for package, folder in folders.items():
        patterns = setup.get("package-data", {}).get(package, [])
        for path in folder.iterdir():
            if path.is_file() and path.suffix != ".py":
                assert any(fnmatch.fnmatch(path.name, p) for p in patterns), (
                    f"{path} is left out of the wheel"
                )


def test_an_installed_copy_of_the_templates_comes_before_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "generator"
    package.mkdir(parents=True)
    monkeypatch.setattr(assets, "PACKAGE", package)
    assert assets.asset_dir("templates") == tmp_path / "site-packages" / "templates"  # a checkout's place
    (package / "site_templates").mkdir()
    assert assets.asset_dir("templates") == package / "site_templates"
