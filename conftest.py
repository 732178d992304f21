"""Make each addon's pure `tools` package importable without Odoo.

`addons/<addon>/tools/` never imports odoo, so plain pytest loads it as the top-level
package `<addon>_tools` (e.g. ``from miz_base_tools import jalali``).
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).parent

for tools in sorted(ROOT.glob("addons/*/tools/__init__.py")):
    name = f"{tools.parent.parent.name}_tools"
    if name in sys.modules:
        continue
    spec = importlib.util.spec_from_file_location(name, tools, submodule_search_locations=[str(tools.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def pytest_collect_directory(path, parent):
    """Collect an addon and its ``tests`` folder as plain directories, not packages.

    pytest ≥ 8 imports the ``__init__.py`` of every package above a test file (``Package.setup``); an addon's
    ``__init__.py`` imports odoo, which plain pytest does not have. Only the pure tests live below them.
    """
    import pytest

    if (path / "__init__.py").is_file() and (
        (path.parent.name == "addons") or (path.name == "tests" and path.parent.parent.name == "addons")
    ):
        return pytest.Dir.from_parent(parent, path=path)
    return None
