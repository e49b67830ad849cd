"""The course in JupyterLab, driven in a real browser: Chromium, through Playwright.

Each test is a day of one of the course's users (a student, an instructor, a self-learner) done
as they would do it, by clicking and typing in JupyterLab with nbgrader's extension. They share:

* one Chromium, started once (Debian's ``/usr/bin/chromium``, or ``DLCOURSE_CHROMIUM``);
* ``lab``: a JupyterLab server on a copy of the course (Lab saves the notebooks a test runs),
  token-less on 127.0.0.1, with its own settings, workspaces, runtime, config and nbgrader
  exchange folders, all in a temporary folder; week 1 is released to that exchange;
* ``graded_lab``: another, on a copy of the course (weeks 1 and 2: :data:`GRADED`) graded by
  ``dlcourse demo``, which starts in the background with the first browser test (the tests that
  need it run last);
* ``shots``: screenshots of each step, kept in ``DLCOURSE_BROWSER_ARTIFACTS`` (default: a
  ``browser-artifacts`` folder in pytest's temporary folder); with ``DLCOURSE_SCREENSHOTS=DIR``,
  the README's pictures are written again into ``DIR`` too.

The tests are marked ``browser``: ``pytest -m "not browser"`` leaves them out. To see that they
test nbgrader's extension, disable it in their servers (and only there):
``DLCOURSE_LAB_DISABLE="@jupyter/nbgrader" pytest tests/browser`` runs
``jupyter labextension disable --level=user @jupyter/nbgrader`` in each server's own config
folder first; a name without ``@``, such as ``nbgrader.server_extensions.validate_assignment``,
is a server extension, turned off on the server's command line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_course  # the course's own fixtures (tests/conftest.py)

CHROMIUM = os.environ.get("DLCOURSE_CHROMIUM", "/usr/bin/chromium")
#: As root, Chromium needs --no-sandbox; the rest keep it from reaching out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
#: What every test's page waits for at most, in milliseconds: a cell that runs, a dialog that opens
#: (the machine may be busy: a class is graded in the background meanwhile).
TIMEOUT = 90_000
VIEWPORT = {"width": 1280, "height": 800}

#: Lab's user settings for the tests: no news or update pop-ups, and every cell of a notebook in
#: the page (Lab otherwise renders only the cells on screen).
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clean_env(**extra) -> dict:
    """This process's environment without Jupyter's and nbgrader's variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "NBGRADER", "IPYTHONDIR"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


class Lab:
    """A JupyterLab server on ``course``, with everything it writes in ``home``."""

    def __init__(self, course: Path, home: Path):
        self.course, self.home = course, home
        self.port = _free_port()
        self.log = home / "server.log"
        self.exchange = home / "exchange"
        self.env = _clean_env(
            JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
            JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
            JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
        self.process: subprocess.Popen | None = None
        for name in ("config", "data", "runtime", "ipython", "workspaces", "exchange"):
            (home / name).mkdir(parents=True, exist_ok=True)
        for name, values in SETTINGS.items():
            path = home / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        # nbgrader's exchange, in this server's folders (the course's own config says the rest)
        (home / "config" / "nbgrader_config.py").write_text(
            f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(self.exchange)!r}\n")

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def command(self, *args: str) -> str:
        """Run ``python -m ARGS`` (``jupyter ...``, ``nbgrader ...``) in the course folder, with
        this server's folders; return what it printed."""
        done = subprocess.run([sys.executable, "-m", *args], cwd=self.course, env=self.env,
                              capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout + done.stderr

    def disable(self, names: list[str]) -> list[str]:
        """Disable these extensions in this server only: a lab extension (``@...``) in its
        config folder, with ``jupyter labextension disable``; a server extension with the
        arguments returned (the environment's own config outranks the user's, the command line
        outranks both)."""
        args = []
        for name in names:
            if name.startswith("@"):
                self.command("jupyter", "labextension", "disable", "--level=user", name)
            else:
                args.append(f"--ServerApp.jpserver_extensions={name}=False")
        return args

    def launch(self) -> Lab:
        """Start the server; :meth:`ready` waits until it answers."""
        disabled = self.disable(os.environ.get("DLCOURSE_LAB_DISABLE", "").split())
        args = [sys.executable, "-m", "jupyterlab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", "--IdentityProvider.token=",
                f"--ServerApp.root_dir={self.course}", "--ServerApp.allow_root=True",
                "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *disabled]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(args, cwd=self.course, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def ready(self, timeout: float = 120) -> Lab:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab stopped at start:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=5):
                    return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer in {timeout} s:\n"
                           f"{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the server, then what is left of its process group (its kernels)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


# -- Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def chromium():
    """One Chromium for all the browser tests, closed after the last one (the sync Playwright API
    holds an event loop in this thread that other tests' asyncio must not meet)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium), "
                    "point DLCOURSE_CHROMIUM at one, or leave these tests out with "
                    "-m 'not browser'", pytrace=False)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(chromium, request, shots):
    """A fresh browser page (its own cookies and storage); on failure, a last screenshot."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    yield page
    if request.node.stash.get(_FAILED, False):
        shots.take(page, "failed")
    context.close()


# -- screenshots -------------------------------------------------------------------------------


class Shots:
    """Screenshots of the steps of one test, numbered in order: ``<test>-<n>-<step>.png``."""

    def __init__(self, folder: Path, test: str, readme: Path | None):
        self.folder, self.test, self.readme, self.count = folder, test, readme, 0

    def take(self, page, step: str, *, readme: str | None = None) -> Path:
        """Screenshot ``page``; with ``readme``, also a small copy under that name in the
        README's folder, when one is given."""
        self.count += 1
        path = self.folder / f"{self.test}-{self.count:02d}-{step}.png"
        page.screenshot(path=str(path))
        if readme and self.readme is not None:
            _small_png(path, self.readme / readme)
        return path


def _small_png(source: Path, target: Path, colours: int = 64) -> None:
    """A copy of a screenshot in few colours: a page of text stays sharp, and small."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.convert("RGB").quantize(colours, dither=Image.Dither.NONE).save(target,
                                                                              optimize=True)


_ARTIFACTS: list[Path] = []  # the folder of this session's screenshots, once known


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    folder = os.environ.get("DLCOURSE_BROWSER_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "browser-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS.append(path)
    return path


@pytest.fixture
def shots(artifacts, request) -> Shots:
    readme = os.environ.get("DLCOURSE_SCREENSHOTS")
    return Shots(artifacts, request.node.name.removeprefix("test_"),
                 Path(readme) if readme else None)


def pytest_terminal_summary(terminalreporter):
    if _ARTIFACTS:
        terminalreporter.write_line(f"browser screenshots: {_ARTIFACTS[0]}")


# -- the servers -------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def lab(tmp_path_factory):
    """JupyterLab on a fresh copy of the course, with week 1 released to its nbgrader exchange."""
    base = tmp_path_factory.mktemp("lab")
    course = copy_course(base / "course").root
    server = Lab(course, base / "home").launch()
    try:
        server.command("nbgrader", "release_assignment", "week1_numpy_basics")
        yield server.ready()
    finally:
        server.stop()


#: The assignments of the graded class: two are enough to review, and keep the wait short (the
#: demo grades every assignment of its course; the grading tests grade the whole class).
GRADED = ("week1_numpy_basics", "week2_logistic_regression")


class Demo:
    """``dlcourse demo`` run in the background on a copy of the course, and a JupyterLab on it
    (started meanwhile: it reads the gradebook only when asked)."""

    def __init__(self, base: Path):
        self.course = copy_course(base / "course").root
        for assignment in {p.name for p in (self.course / "source").iterdir()} - set(GRADED):
            for folder in ("source", "release"):
                shutil.rmtree(self.course / folder / assignment, ignore_errors=True)
        self.log = base / "demo.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "dlcourse", "--course", str(self.course), "demo"],
                cwd=base, env=_clean_env(), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        self.lab = Lab(self.course, base / "home").launch()

    def wait(self, timeout: float = 900) -> Lab:
        """The server, once the class is graded."""
        code = self.process.wait(timeout=timeout)
        if code != 0:
            pytest.fail(f"dlcourse demo failed ({code}):\n{self.log.read_text()[-3000:]}",
                        pytrace=False)
        return self.lab.ready()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()
        self.lab.stop()


@pytest.fixture(scope="package", autouse=True)
def demo(request, tmp_path_factory, chromium):
    """The graded class, started with the first browser test when a test selected needs it (and
    there is a browser to review it in)."""
    if not any("graded_lab" in getattr(item, "fixturenames", ())
               for item in request.session.items):
        yield None
        return
    run = Demo(tmp_path_factory.mktemp("graded"))
    try:
        yield run
    finally:
        run.stop()


@pytest.fixture(scope="package")
def graded_lab(demo) -> Lab:
    """JupyterLab on the copy of the course that ``dlcourse demo`` graded."""
    return demo.wait()


def pytest_collection_modifyitems(config, items):
    """The tests that need the graded class run after the other browser tests, which run while
    the class is graded."""
    here = [i for i, item in enumerate(items) if Path(str(item.path)).parent == Path(__file__)
            .parent]
    ordered = sorted((items[i] for i in here),
                     key=lambda item: "graded_lab" in getattr(item, "fixturenames", ()))
    for i, item in zip(here, ordered, strict=True):
        items[i] = item

