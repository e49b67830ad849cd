"""dlcourse: the helper package of the course "Neural Networks and Deep Learning".

Notebooks import from it the data loaders, the plots and the learner-facing checks;
instructors use its command, ``dlcourse``, to release, check and grade the course.
"""

__version__ = "0.1.0"


def __getattr__(name):
    # Loaders are imported lazily so that ``import dlcourse`` stays cheap for the command line.
    if name == "load_cat_dataset":
        from .data import load_cat_dataset

        return load_cat_dataset
    if name == "load_planar_dataset":
        from .planar import load_planar_dataset

        return load_planar_dataset
    raise AttributeError(f"module 'dlcourse' has no attribute {name!r}")


__all__ = ["load_cat_dataset", "load_planar_dataset", "__version__"]
