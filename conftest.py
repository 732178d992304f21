"""pytest for miz: the pure modules always, the Odoo tests when a database is given.

Pure tests (``addons/<addon>/tests/pure/test_*.py``) need neither Odoo nor a database: each addon's ``tools/``
package never imports odoo and is loaded here as the top-level module ``<addon>_tools``
(``from miz_base_tools import jalali``).

Odoo tests (``addons/<addon>/tests/test_*.py``) run through pytest-odoo on a database where the addons are
installed: ``--odoo-config=.miz/odoo.conf --odoo-database=<db>`` (``make test`` passes both, plus ``--odoo-http``
for HttpCase and tours), or the environment variable ``MIZ_TEST_DB=<db>`` (config ``MIZ_ODOO_CONF``, default
``.miz/odoo.conf``). pytest-odoo names the test modules ``odoo.addons.<addon>.tests.test_x``. Without a database
the Odoo tests are not collected, and the addons (whose ``__init__`` imports odoo) are never imported.
"""

import contextlib
import importlib
import importlib.util
import os
import pathlib
import signal
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).parent
ADDONS = ROOT / "addons"

for tools in sorted(ADDONS.glob("*/tools/__init__.py")):
    name = f"{tools.parent.parent.name}_tools"
    if name in sys.modules:
        continue
    spec = importlib.util.spec_from_file_location(name, tools, submodule_search_locations=[str(tools.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)

# pytest's importlib mode names a pure test module after its path (``addons.miz_base.tests.pure.test_jalali``)
# and imports the intermediate packages on the way (``addons.miz_base``: the addon, which imports odoo). Those
# names are only labels here: register them as empty modules first.
for pure in sorted(ADDONS.glob("*/tests/pure")):
    for parts in (("addons",), ("addons", pure.parent.parent.name), ("addons", pure.parent.parent.name, "tests")):
        sys.modules.setdefault(".".join(parts), type(sys)(".".join(parts)))

_ODOO = {"db": None}  # set in pytest_configure when pytest-odoo has loaded Odoo's configuration
_SESSION = {}


def _is_pure(path):
    return "pure" in pathlib.Path(path).relative_to(ROOT).parts


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    """``MIZ_TEST_DB=<db>`` stands for ``--odoo-database=<db> --odoo-config=.miz/odoo.conf``."""
    db = os.environ.get("MIZ_TEST_DB")
    if db and hasattr(config.option, "odoo_database") and not config.option.odoo_database:
        config.option.odoo_database = db
        config.option.odoo_config = config.option.odoo_config or os.environ.get(
            "MIZ_ODOO_CONF", str(ROOT / ".miz" / "odoo.conf")
        )
    yield


def pytest_configure(config):
    if config.pluginmanager.has_plugin("odoo"):
        import odoo

        _ODOO["db"] = odoo.tools.config["db_name"] or None
    if _ODOO["db"]:
        # rtlcss builds the right-to-left assets (scripts/miz.sh installs it there and puts it on PATH)
        node_bin = pathlib.Path(os.environ.get("MIZ_HOME", ROOT / ".miz")) / "node" / "node_modules" / ".bin"
        if node_bin.is_dir() and str(node_bin) not in os.environ["PATH"].split(os.pathsep):
            os.environ["PATH"] = f"{node_bin}{os.pathsep}{os.environ['PATH']}"


def pytest_sessionstart(session):
    _SESSION["session"] = session


def _interrupt(signum, frame):
    """Ctrl-C stops the run even when a test swallows the KeyboardInterrupt: an HttpCase whose Chromium got the
    same SIGINT replaces it with "socket is already closed" while stopping the browser, and pytest would go on."""
    if "session" in _SESSION:
        _SESSION["session"].shouldstop = "interrupted (SIGINT)"
    raise KeyboardInterrupt


@pytest.hookimpl(trylast=True)
def pytest_runtest_setup(item):
    # after pytest-odoo's HTTP server (and Odoo's own signal handlers) are in place
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not _interrupt:
        signal.signal(signal.SIGINT, _interrupt)


def pytest_sessionfinish(session, exitstatus):
    _SESSION["exitstatus"] = exitstatus


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """After Ctrl-C, leave as soon as pytest has reported: the interrupted test may have left a thread that blocks
    the interpreter's exit — Odoo's Chromium helper reads its DevTools socket in a non-daemon thread, which waits
    forever when the browser got the same SIGINT in the middle of a call — and ``make test`` would then hang
    instead of dropping its database (scripts/check_interrupt.py checks this)."""
    if _SESSION.get("exitstatus") == pytest.ExitCode.INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(pytest.ExitCode.INTERRUPTED))


def pytest_collection_finish(session):
    """``make test`` without a selection sets MIZ_REQUIRE_ODOO_TESTS: a run in which no Odoo test was collected
    (no database given, tests not found) is an error, not a green run of the pure tests alone."""
    if os.environ.get("MIZ_REQUIRE_ODOO_TESTS") and not any(
        ADDONS in item.path.parents and not _is_pure(item.path) for item in session.items
    ):
        raise pytest.UsageError("no Odoo test was collected (make test expects them; see DEVELOPERS.md, Tests)")


def pytest_report_header(config):
    if _ODOO["db"]:
        return f"miz: Odoo tests on database {_ODOO['db']}"
    return "miz: pure tests only (no database: give --odoo-database or MIZ_TEST_DB for the Odoo tests)"


def pytest_ignore_collect(collection_path, config):
    """Without a database, only the pure tests are collected (the cross-addon tests in ``tests/`` use the same
    PostgreSQL and configuration as the Odoo tests)."""
    if _ODOO["db"] or collection_path.is_dir() or collection_path.suffix != ".py":
        return None
    if ROOT / "tests" in collection_path.parents:
        return True
    if ADDONS not in collection_path.parents:
        return None
    return None if _is_pure(collection_path) else True


def pytest_collect_directory(path, parent):
    """An addon's ``tests`` package: imported once as ``odoo.addons.<addon>.tests`` (with a database), or
    collected as a plain directory (without one).

    With a database, importing the package first (as Odoo's own loader does) puts every test module it imports in
    ``sys.modules`` under the name pytest-odoo gives it; else pytest would execute the first test module of each
    addon twice (once itself, once through ``tests/__init__``). Without a database, pytest ≥ 8 would import the
    ``__init__.py`` of every package above a pure test (``Package.setup``), and an addon's ``__init__`` imports
    odoo and only works as ``odoo.addons.<addon>`` once Odoo's configuration is loaded.
    """
    if not (path / "__init__.py").is_file():
        return None
    is_tests = path.name == "tests" and path.parent.parent == ADDONS
    if _ODOO["db"]:
        if is_tests:
            with contextlib.suppress(Exception):  # an import error is reported when pytest imports the module
                importlib.import_module(f"odoo.addons.{path.parent.name}.tests")
        return None
    if is_tests or path.parent == ADDONS:
        return pytest.Dir.from_parent(parent, path=path)
    return None


@pytest.fixture(scope="session", autouse=True)
def load_registry(request):
    """pytest-odoo's registry, only when there is a database (pure tests run without one)."""
    if not _ODOO["db"]:
        yield
        return
    request.getfixturevalue("load_registry")
    # as Odoo's own runner does (odoo/tests/loader.py run_suite): e.g. ir.mail_server then sends no e-mail
    from odoo.modules import module

    module.current_test = True
    threading.current_thread().testing = True
    yield
    module.current_test = False
