"""Every addon's ``tools`` package imports without Odoo: that is what makes the pure tests pure.

pytest runs with Odoo importable (pytest-odoo needs it), so each package is imported in a fresh interpreter in
which ``import odoo`` fails.
"""

import pathlib
import subprocess
import sys

import pytest

ADDONS = pathlib.Path(__file__).resolve().parents[3]
TOOLS = sorted(ADDONS.glob("*/tools/__init__.py"))

IMPORT_ALL = """
import importlib, importlib.util, pkgutil, sys
sys.modules["odoo"] = None  # any "import odoo" raises ImportError
init, name = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[init.rsplit("/", 1)[0]])
package = importlib.util.module_from_spec(spec)
sys.modules[name] = package
spec.loader.exec_module(package)
for info in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"{name}.{info.name}")
"""


def test_every_addon_has_tools():
    assert {init.parent.parent.name for init in TOOLS} >= {"miz_base", "miz_khedmat", "miz_inquiry"}


@pytest.mark.parametrize("init", TOOLS, ids=[init.parent.parent.name for init in TOOLS])
def test_tools_import_without_odoo(init):
    name = f"{init.parent.parent.name}_tools"
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(init), name], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
