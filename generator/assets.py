"""Where the site's templates and static files are: beside the package in a checkout, in it when installed.

The repository keeps them at the top level (templates/, static/); a wheel carries them as the
package folders generator/site_templates/ and generator/site_static/ (pyproject.toml maps them).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """Return the folder of `name` ('templates' or 'static'): the installed copy, else the checkout's."""
    installed = PACKAGE / f"site_{name}"
    return installed if installed.is_dir() else PACKAGE.parent / name


TEMPLATES_DIR = asset_dir("templates")
STATIC_DIR = asset_dir("static")
