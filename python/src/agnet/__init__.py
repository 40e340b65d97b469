"""AG-Net neural architecture search from Python.

Drives the ``agnet`` binary (found through ``$AGNET_BIN``, a binary shipped in this package, or
``PATH``) and reads the files of its runs::

    import agnet

    study = agnet.create_study("runs/mine", space="nasbench201", method="agnet", budget=100)
    study.optimize(lambda trial: train_and_validate(trial.cell), n_workers=2)
    print(study.best)

Errors of the CLI become :class:`UsageError` (its exit status 64: misuse) and
:class:`InputError` (exit status 1: bad input), with its one-line message.
"""
from ._binary import find_binary
from .benchmarks import CompareResult, SearchResult, compare, search
from .errors import AgnetError, BinaryNotFound, InputError, StudyFinished, UsageError
from .genotype import Genotype, parse_genotype
from .study import Best, Study, Trial, TrialRecord, create_study, load_study

__version__ = "0.1.0"

__all__ = [
    "AgnetError", "Best", "BinaryNotFound", "CompareResult", "Genotype", "InputError", "SearchResult", "Study",
    "StudyFinished", "Trial", "TrialRecord", "UsageError", "compare", "create_study", "find_binary", "load_study",
    "parse_genotype", "search",
]
