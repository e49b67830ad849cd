"""The tests of the tests: grade plausible wrong implementations and see them lose their points.

Each assignment has a file ``tests/mutants/<assignment>.py`` holding

* ``MUTANTS``: a list of dicts ``{"exercise": <solution grade id>, "why": <the mistake, in words>,
  "code": <the whole code of the solution cell>}``, optionally with ``"loses": [<test ids>]``;
* ``DEPENDENTS`` (optional): ``{<solution grade id>: [<test ids of other exercises calling it>]}``.

A mutant replaces one solution cell of the source notebook (every other cell keeps its reference
solution); the notebook is graded as ``dlcourse grade`` grades a submission (its code in the
sandbox, the hidden and visible tests run by the grader), and exactly the test cells in ``loses``
must fail: by default the exercise's own test cell and
its dependents list.

Run ``python tests/mutation.py [ASSIGNMENT ...]`` for a table of every mutant's outcome.
"""

from __future__ import annotations

import importlib.util
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dlcourse.grader import authoring
from dlcourse.grader.verdicts import grade_notebook

ROOT = Path(__file__).resolve().parents[1]
SPECS = Path(__file__).resolve().parent / "mutants"


def source_notebook(assignment: str) -> Path:
    found = sorted((ROOT / "source" / assignment).glob("*.ipynb"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one notebook in source/{assignment}, found {found}")
    return found[0]


def load_spec(assignment: str):
    path = SPECS / f"{assignment}.py"
    spec = importlib.util.spec_from_file_location(f"mutants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def edited(reference: dict, exercise: str, why: str, *edits: tuple[str, str],
           loses: list[str] | None = None) -> dict:
    """A mutant made from the reference solution of ``exercise`` by replacing, in turn, every
    occurrence of each ``old`` text with its ``new`` one (an ``old`` that does not occur is an
    error: the reference has changed under the mutant)."""
    code = reference[exercise]
    for old, new in edits:
        if old not in code:
            raise ValueError(f"mutant {why!r}: {old!r} is not in the reference of {exercise}")
        code = code.replace(old, new)
    mutant = {"exercise": exercise, "why": why, "code": code}
    if loses is not None:
        mutant["loses"] = loses
    return mutant


def expected_losses(assignment: str, mutant: dict) -> set[str]:
    if "loses" in mutant:
        return set(mutant["loses"])
    spec = load_spec(assignment)
    nb = authoring.read(source_notebook(assignment))
    by_id = {e.solution_id: e for e in authoring.exercises(nb)}
    own = by_id[mutant["exercise"]].test_id
    return {own, *getattr(spec, "DEPENDENTS", {}).get(mutant["exercise"], [])}


def all_mutants(assignments=None):
    """(assignment, index, mutant) for every mutant of the given (default: all) assignments."""
    names = assignments or sorted(p.stem for p in SPECS.glob("week*.py"))
    return [(a, i, m) for a in names for i, m in enumerate(load_spec(a).MUTANTS)]


def grade_mutant(assignment: str, mutant: dict):
    """Grade the source notebook with this mutant in place, as ``dlcourse grade`` does (the
    learner's code in the sandbox, the tests outside it); return (failed tests, errors)."""
    path = source_notebook(assignment)
    source = authoring.read(path)
    nb = authoring.graded_version(source, {mutant["exercise"]: mutant["code"]})
    result = grade_notebook(source, nb, path.parent, timeout=120, until_last_test=True,
                            readable=[ROOT / "dlcourse", ROOT / "datasets"])
    errors = {}
    for cell in result.nb.cells:
        meta = authoring.nbgrader_meta(cell)
        failed = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if meta.get("grade") and failed:
            errors[meta["grade_id"]] = f"{failed[0]['ename']}: {failed[0]['evalue']}"
    for event in result.events:
        errors.setdefault("<kernel>", event)
    return set(errors) - {"<kernel>"}, errors


def _grade(item):
    assignment, index, mutant = item
    return (assignment, index), grade_mutant(assignment, mutant)


def grade_all(items, workers: int = 2) -> dict:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(_grade, items))


if __name__ == "__main__":
    items = all_mutants(sys.argv[1:] or None)
    results = grade_all(items)
    caught = 0
    for assignment, index, mutant in items:
        failed, errors = results[(assignment, index)]
        expected = expected_losses(assignment, mutant)
        ok = failed == expected
        caught += ok
        print(f"{'ok  ' if ok else 'MISS'} {assignment} {mutant['exercise']}: {mutant['why']}")
        if not ok:
            print(f"       expected to fail {sorted(expected)}, failed {sorted(failed)}")
            for gid, err in errors.items():
                print(f"       {gid}: {err.splitlines()[0][:150]}")
    print(f"{caught} of {len(items)} wrong implementations lose exactly their points")
    sys.exit(0 if caught == len(items) else 1)
