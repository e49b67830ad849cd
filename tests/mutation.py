"""The tests of the tests: grade every wrong answer of the misconception catalogue, see it lose its
points, and see the grader diagnose it as itself.

Each assignment's catalogue, ``source/<assignment>/misconceptions.py`` (its format is described in
:mod:`dlcourse.grader.misconceptions`), lists plausible wrong answers, each the whole code of one
solution cell. An entry replaces its solution cell of the source notebook (every other cell keeps
its reference solution); the notebook is graded as ``dlcourse grade`` grades a submission (its code
in the sandbox, the hidden and visible tests run by the grader, the failed exercises diagnosed with
the catalogue), and

* exactly the test cells of its ``loses`` must fail: by default the exercise's own test cell and
  those its ``DEPENDENTS`` list;
* the grader must diagnose it as itself on its exercise's own test cell, and name no misconception
  of another family of that exercise there: two learners with different code and the same
  mistake get the same diagnosis, and one mistake is never taken for another. An entry can be
  diagnosed only when the grader can run it on the inputs the tests gave the learner's function
  (:func:`diagnosable` says when it cannot). The diagnoses made on the test cells of the
  exercises that call the entry's function are listed by the table below, not judged: there the
  learner's function misbehaves because of a mistake elsewhere.

Run ``python tests/mutation.py [ASSIGNMENT ...]`` for a table of every entry's outcome and the
share of entries diagnosed as themselves, per assignment.
"""

from __future__ import annotations

import ast
import builtins
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dlcourse.grader import authoring, misconceptions
from dlcourse.grader.verdicts import grade_notebook

ROOT = Path(__file__).resolve().parents[1]


def source_notebook(assignment: str) -> Path:
    found = sorted((ROOT / "source" / assignment).glob("*.ipynb"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one notebook in source/{assignment}, found {found}")
    return found[0]


def catalogue(assignment: str) -> misconceptions.Catalogue:
    found = misconceptions.read(ROOT, assignment)
    if found is None:
        raise FileNotFoundError(f"source/{assignment} has no {misconceptions.FILENAME}")
    return found


def assignments() -> list[str]:
    """The assignments with a catalogue, in order."""
    return sorted(p.parent.name for p in (ROOT / "source").glob(f"*/{misconceptions.FILENAME}"))


def expected_losses(assignment: str, entry: misconceptions.Entry) -> set[str]:
    if entry.loses is not None:
        return set(entry.loses)
    nb = authoring.read(source_notebook(assignment))
    by_id = {e.solution_id: e for e in authoring.exercises(nb)}
    own = by_id[entry.exercise].test_id
    return {own, *catalogue(assignment).dependents.get(entry.exercise, [])}


def all_entries(names=None):
    """(assignment, index, entry) for every catalogue entry of the given (default: all)
    assignments."""
    return [(a, i, e) for a in (names or assignments())
            for i, e in enumerate(catalogue(a).entries)]


def grade_entry(assignment: str, entry: misconceptions.Entry) -> dict:
    """Grade the source notebook with this entry in place, as ``dlcourse grade`` does (the
    learner's code in the sandbox, the tests outside it, the catalogue to diagnose failed
    exercises with). Returns ``{"failed": test ids, "errors": {test id: error}, "diagnoses":
    {failed test id: misconception ids}}``; ``"diagnoses"`` is None when the grader returns none."""
    path = source_notebook(assignment)
    source = authoring.read(path)
    nb = authoring.graded_version(source, {entry.exercise: entry.code})
    result = grade_notebook(source, nb, path.parent, timeout=120, until_last_test=True,
                            readable=[ROOT / "dlcourse", ROOT / "datasets"],
                            catalogue=catalogue(assignment))
    errors = {}
    for cell in result.nb.cells:
        meta = authoring.nbgrader_meta(cell)
        failed = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if meta.get("grade") and failed:
            errors[meta["grade_id"]] = f"{failed[0]['ename']}: {failed[0]['evalue']}"
    for event in result.events:
        errors.setdefault("<kernel>", event)
    diagnoses = getattr(result, "diagnoses", None)
    return {"failed": set(errors) - {"<kernel>"}, "errors": errors,
            "diagnoses": None if diagnoses is None else {k: list(v)
                                                         for k, v in diagnoses.items()}}


def _grade(item):
    assignment, index, entry = item
    return (assignment, index), grade_entry(assignment, entry)


def grade_all(items, workers: int = 2) -> dict:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(_grade, items))


# --- what the diagnosis can see -------------------------------------------------------------------

def _reads(code: str) -> set[str]:
    """The names a cell's code reads without defining them itself."""
    tree = ast.parse(code)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return {n for n in loaded - bound if not hasattr(builtins, n)}


_NAMESPACES: dict[str, dict] = {}


def diagnosable(assignment: str, entry: misconceptions.Entry) -> str | None:
    """None when the grader can diagnose ``entry``, else why not: its exercise defines values, not
    a function whose calls the grader records, or every variant of its family reads the notebook's
    data (names the grader's reference code does not define)."""
    nb = authoring.read(source_notebook(assignment))
    reference = authoring.solution_code(nb)[entry.exercise]
    if not any(isinstance(n, ast.FunctionDef) and n.name == entry.function
               for n in ast.parse(reference).body):
        return "its exercise defines values, not a function: the grader records no call of it"
    if assignment not in _NAMESPACES:
        _NAMESPACES[assignment] = misconceptions.reference_namespace(nb)
    known = _NAMESPACES[assignment]
    family = catalogue(assignment).families()[entry.id]
    unknown = [sorted(_reads(e.code) - set(known)) for e in family]
    if all(unknown):
        return (f"it reads the notebook's data ({', '.join(unknown[0])}), which the grader's "
                "reference code does not hold")
    return None


def own_test(assignment: str, entry: misconceptions.Entry) -> str:
    nb = authoring.read(source_notebook(assignment))
    return {e.solution_id: e for e in authoring.exercises(nb)}[entry.exercise].test_id


def diagnosis_problem(assignment: str, entry: misconceptions.Entry,
                      graded: dict) -> str | None:
    """What is wrong with the diagnosis of a graded entry on its own exercise's test cell (it
    must name the entry's misconception, when the grader can see it, and no other), or None."""
    diagnoses = graded["diagnoses"]
    if diagnoses is None:
        return ("the grader returned no diagnoses: grade_notebook(..., catalogue=entries) must "
                "return a Result whose .diagnoses maps each failed test to misconception ids")
    own = own_test(assignment, entry)
    found = diagnoses.get(own, [])
    others = [i for i in found if i != entry.id]
    if others:
        return f"diagnosed on {own} with misconceptions of other families too: {others}"
    if entry.id not in found and diagnosable(assignment, entry) is None:
        return f"not diagnosed as itself on {own} (diagnoses: {diagnoses})"
    return None


def diagnosed_elsewhere(assignment: str, entry: misconceptions.Entry, graded: dict) -> dict:
    """The diagnoses made on the other failed test cells (those of the exercises that call the
    entry's function): there a learner's function misbehaves because of the entry's mistake, and
    a misconception named is not one the learner has."""
    own = own_test(assignment, entry)
    return {t: ids for t, ids in (graded["diagnoses"] or {}).items() if t != own and ids}


if __name__ == "__main__":
    items = all_entries(sys.argv[1:] or None)
    results = grade_all(items)
    caught, shares, problems, elsewhere_count = 0, {}, 0, 0
    for assignment, index, entry in items:
        graded = results[(assignment, index)]
        failed, errors = graded["failed"], graded["errors"]
        expected = expected_losses(assignment, entry)
        ok = failed == expected
        caught += ok
        problem = diagnosis_problem(assignment, entry, graded)
        problems += problem is not None
        own = entry.id in (graded["diagnoses"] or {}).get(own_test(assignment, entry), [])
        share = shares.setdefault(assignment, [0, 0])
        share[0] += bool(own)
        share[1] += 1
        print(f"{'ok  ' if ok else 'MISS'} {'diagnosed    ' if own else 'not diagnosed'} "
              f"{assignment} {entry.id} ({entry.exercise}, entry {index})")
        if not ok:
            print(f"       expected to fail {sorted(expected)}, failed {sorted(failed)}")
            for gid, err in errors.items():
                print(f"       {gid}: {err.splitlines()[0][:150]}")
        if problem:
            print(f"       diagnosis: {problem}")
        elif not own:
            print(f"       cannot be diagnosed: {diagnosable(assignment, entry)}")
        elsewhere = diagnosed_elsewhere(assignment, entry, graded)
        if elsewhere:
            elsewhere_count += 1
            print(f"       diagnosed on the tests of its callers: {elsewhere}")
    print(f"{caught} of {len(items)} wrong answers lose exactly their points; {problems} are "
          f"misdiagnosed on their own test; {elsewhere_count} get a diagnosis on the tests of "
          "the exercises that call them")
    for assignment, (diagnosed, total) in shares.items():
        print(f"{assignment}: {diagnosed} of {total} entries diagnosed as themselves "
              f"({100 * diagnosed / total:.0f} %)")
    sys.exit(0 if caught == len(items) and not problems else 1)
