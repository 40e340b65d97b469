"""DARTS genotypes: the namedtuple DARTS code uses, parsed from the text ``agnet`` prints."""
from __future__ import annotations

import ast
from collections import namedtuple
from typing import Any

#: The namedtuple of DARTS (``genotypes.py``): ``normal`` and ``reduce`` are lists of
#: ``(operation, input)`` pairs, two per node; ``*_concat`` the nodes concatenated as output.
Genotype = namedtuple("Genotype", "normal normal_concat reduce reduce_concat")


def parse_genotype(text: str) -> Genotype:
    """The :data:`Genotype` of DARTS genotype text such as ``agnet ask`` prints,
    ``Genotype(normal=[('sep_conv_3x3', 0), …], normal_concat=[2, 3, 4, 5], reduce=[…], reduce_concat=…)``.

    ``range(2, 6)`` is accepted for the concat lists, as DARTS writes them. Raises ``ValueError``
    for anything else (no code is evaluated).
    """
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise ValueError(f"not a DARTS genotype: {text[:60]!r}") from error
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id == "Genotype"
            and not tree.args):
        raise ValueError(f"not a DARTS genotype: {text[:60]!r}")
    fields: dict[str, Any] = {}
    for keyword in tree.keywords:
        fields[str(keyword.arg)] = _literal(keyword.value, text)
    if set(fields) != set(Genotype._fields):
        raise ValueError(f"a genotype has the fields {', '.join(Genotype._fields)}: {text[:60]!r}")
    normal = [(str(op), int(node)) for op, node in fields["normal"]]
    reduce = [(str(op), int(node)) for op, node in fields["reduce"]]
    return Genotype(normal=normal, normal_concat=list(fields["normal_concat"]),
                    reduce=reduce, reduce_concat=list(fields["reduce_concat"]))


def _literal(node: ast.expr, text: str) -> Any:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
            and not node.keywords):
        return list(range(*(ast.literal_eval(argument) for argument in node.args)))
    try:
        return ast.literal_eval(node)
    except ValueError as error:
        raise ValueError(f"not a DARTS genotype: {text[:60]!r}") from error
