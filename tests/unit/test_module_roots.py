"""Module resolution matches Python's: namespace packages, src/ layouts, declared roots, extra-paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from sqlascope.analysis.index.module_roots import module_roots
from sqlascope.check import check_paths, default_workspace
from sqlascope.config import Settings, settings_from_mapping
from sqlascope.rules import CODES

MODELS = textwrap.dedent('''
    from sqlalchemy import ForeignKey, create_engine
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

    class Base(DeclarativeBase):
        pass

    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        addresses: Mapped[list["Address"]] = relationship(back_populates="user")

    class Address(Base):
        __tablename__ = "addresses"
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
        user: Mapped[User] = relationship(back_populates="addresses")

    engine = create_engine("sqlite://")
    Session = sessionmaker(engine)
''')

VIEWS = textwrap.dedent('''
    from acme.shop.models import Session, User

    def show():
        with Session() as session:
            user = session.get(User, 1)
        return user.addresses
''')


def write(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def namespace_project(root) -> None:
    """acme and acme/shop have no __init__.py (PEP 420), as backend.ai's src/ai/backend."""
    write(root, {
        "pyproject.toml": "[project]\nname = 'acme-shop'\n",
        "src/acme/shop/models.py": MODELS,
        "src/acme/shop/web/__init__.py": "",
        "src/acme/shop/web/views.py": VIEWS,
    })


def test_a_namespace_package_under_src_is_seen_across_modules(tmp_path):
    namespace_project(tmp_path)
    web = tmp_path / "src/acme/shop/web"
    result = check_paths([str(web)], Settings())
    codes = [(os.path.basename(f.location.path), f.location.line, f.code) for f in result.findings]
    assert ("views.py", 7, "SQS102") in codes, codes
    # ground truth: Python imports the namespace package from src/, and the line does fail
    run = ("from acme.shop.models import Base, Session, User, engine\n"
           "Base.metadata.create_all(engine)\n"
           "with Session() as s:\n    s.add(User(id=1)); s.commit()\n"
           "from acme.shop.web.views import show\n"
           "try:\n    show()\nexcept Exception as exc:\n    print(type(exc).__name__)\n")
    out = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path / "src")}).stdout
    assert out.strip() == "DetachedInstanceError"


def test_module_names_are_the_ones_python_imports(tmp_path):
    namespace_project(tmp_path)
    write(tmp_path, {"src/acme/shop/web/helpers.py": "", "scripts/tool.py": "import helper\n", "scripts/helper.py": ""})
    workspace = default_workspace([str(tmp_path / "src/acme/shop/web")])
    paths = [str(p) for p in sorted(tmp_path.rglob("*.py"))]
    for path in paths:
        workspace.add_file(path)
    names = {path: workspace.module_name(path) for path in paths}
    # Ask Python itself, with the project's roots as sys.path, where each name is imported from.
    probe = ("import importlib.util, json, sys; sys.path[:0] = json.loads(sys.argv[1]); "
             "print(json.dumps({n: importlib.util.find_spec(n).origin for n in json.loads(sys.argv[2])}))")
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(list(workspace.search_roots)),
                          json.dumps(sorted(names.values()))], capture_output=True, text=True, check=True).stdout
    origins = json.loads(out)
    assert {path: origins[name] for path, name in names.items()} == {path: path for path in paths}
    assert names[str(tmp_path / "src/acme/shop/web/views.py")] == "acme.shop.web.views"
    # the folder `acme` is a namespace package: no file, but it resolves, and its submodules through it
    namespace = workspace.find_module("acme", paths[0])
    assert namespace == str(tmp_path / "src/acme") and workspace.module_name(namespace) == "acme"
    # a script beside its helper imports it by the short name, as `python scripts/tool.py` would
    assert workspace.find_module("helper", str(tmp_path / "scripts/tool.py")) == str(tmp_path / "scripts/helper.py")


def test_modules_outside_the_checked_folder_are_indexed_when_imported(tmp_path):
    namespace_project(tmp_path)
    workspace = default_workspace([str(tmp_path / "src/acme/shop/web")])
    views = str(tmp_path / "src/acme/shop/web/views.py")
    workspace.add_file(views)
    assert workspace.find_module("acme.shop.models", views) == str(tmp_path / "src/acme/shop/models.py")
    assert workspace.find_module("acme.shop.nothing_here", views) is None


@pytest.mark.parametrize("config, folder", [
    ("[tool.setuptools]\npackage-dir = {'' = 'lib'}\n", "lib"),
    ("[tool.setuptools.packages.find]\nwhere = ['lib']\n", "lib"),
    ("[tool.hatch.build.targets.wheel]\npackages = ['lib/acme']\n", "lib"),
    ("[tool.hatch.build.targets.wheel]\nsources = ['lib']\n", "lib"),
    ("[tool.poetry]\npackages = [{include = 'acme', from = 'lib'}]\n", "lib"),
    ("[tool.pdm.build]\npackage-dir = 'lib'\n", "lib"),
    ("", "src"),  # nothing declared: the src/ convention
])
def test_declared_roots(tmp_path, config, folder):
    write(tmp_path, {"pyproject.toml": config, f"{folder}/acme/__init__.py": "", "src/.keep": ""})
    assert module_roots(str(tmp_path / folder / "acme")) == (str(tmp_path / folder), str(tmp_path))


def test_setup_cfg_and_extra_paths(tmp_path):
    write(tmp_path, {"setup.cfg": "[options]\npackage_dir =\n    = lib\n", "lib/acme/__init__.py": "",
                     "vendor/thing.py": ""})
    extra = settings_from_mapping({"extra-paths": ["vendor"]}, CODES).extra_paths
    assert module_roots(str(tmp_path), extra) == (str(tmp_path / "vendor"), str(tmp_path / "lib"), str(tmp_path))
    workspace = default_workspace([str(tmp_path / "lib")], extra)
    assert workspace.find_module("thing", str(tmp_path / "lib/acme/__init__.py")) == str(tmp_path / "vendor/thing.py")


def test_a_stdlib_name_is_never_a_namespace_folder_of_the_project(tmp_path):
    write(tmp_path, {"pyproject.toml": "", "logging/README.md": "", "app.py": "import logging\n"})
    workspace = default_workspace([str(tmp_path)])
    workspace.add_file(str(tmp_path / "app.py"))
    assert workspace.find_module("logging", str(tmp_path / "app.py")) is None
