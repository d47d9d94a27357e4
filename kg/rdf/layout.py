"""Statement rows -> Turtle/TriG text: the layout both writers and the rdf stage's runs share.

Rows are ``(graph, subject, predicate, object)`` term ids in canonical order
(:mod:`kg.rdf.quads`); ``forms`` says how each term is written (pyoxigraph's
spelling). The layout is pyoxigraph's with a blank line between subjects and
between graphs. :func:`graph_block` lays out one named graph on its own, which is
what the rdf stage keeps per document, so that a rebuild writes the named graphs
of unchanged documents without laying them out again.

Examples
--------
"Lenin was a member of the Central Committee", in a letter's graph:

>>> import numpy as np
>>> forms = np.array(["document:000", "person:lenin", "hkg:memberOf", "org:cc"], dtype=object)
>>> print(graph_block(np.array([[1, 2, 3]]), forms, None, "document:000").replace("\\t", "    "))
document:000 {
    person:lenin hkg:memberOf org:cc
"""

from __future__ import annotations

import numpy as np

#: The graph "before" the first statement (-1 is the default graph, >= 0 a named graph).
NONE = -2


class Layout:
    """Statement rows -> Turtle/TriG text, a chunk of rows at a time.

    Each row becomes four pieces, chosen with NumPy masks rather than a Python loop
    (a loop costs about a microsecond a statement): what ends the previous statement
    and indents this one (``" , "``, ``" ;\\n\\t"``, ``" .\\n\\n"``, or the close and
    open of a graph), the subject and a space, the predicate and a space, the object.
    The open graph, subject and predicate carry over between chunks.
    """

    #: What leads a row, by (new subject, new predicate, in a named graph): see :meth:`lay_out`.
    LEADS = np.array([" , ", " ;\n\t", " .\n\n", " , ", " ;\n\t\t", " .\n\n\t"], dtype=object)

    def __init__(self, forms: np.ndarray, type_id: int | None, started: bool):
        self.forms = forms
        self.subjects = np.array([None if f is None else f + " " for f in forms.tolist()], dtype=object)
        self.predicates = self.subjects.copy()
        if type_id is not None:
            self.predicates[type_id] = "a "
        self.started, self.last = started, None

    def lay_out(self, rows: np.ndarray) -> str:
        g, s, p = rows[:, 0], rows[:, 1], rows[:, 2]
        before = np.empty((len(rows), 3), dtype=np.int64)
        before[0] = self.last if self.last is not None else (NONE, -1, -1)
        before[1:] = rows[:-1, :3]
        new_graph = g != before[:, 0]
        new_subject = new_graph | (s != before[:, 1])
        new_predicate = new_subject | (p != before[:, 2])
        pieces = np.empty((len(rows), 4), dtype=object)
        # 0 " , ", 1 " ;\n\t", 2 " .\n\n", each + 3 in a named graph (one more tab of indent)
        pieces[:, 0] = self.LEADS[new_predicate.astype(np.int64) + new_subject + 3 * (g >= 0)]
        pieces[:, 1] = ""
        pieces[new_subject, 1] = self.subjects[s[new_subject]]
        pieces[:, 2] = ""
        pieces[new_predicate, 2] = self.predicates[p[new_predicate]]
        pieces[:, 3] = self.forms[rows[:, 3]]
        for i in np.flatnonzero(new_graph).tolist():
            pieces[i, 0] = self._switch_graph(int(before[i, 0]), int(g[i])) + ("\t" if g[i] >= 0 else "")
        self.last = rows[-1, :3].tolist()
        return "".join(pieces.ravel().tolist())

    def close(self) -> str:
        """End the last statement and graph."""
        return end_graph(self.last[0] if self.last is not None else NONE)

    def _switch_graph(self, previous: int, g: int) -> str:
        """End the ``previous`` graph's last statement, if any, and open graph ``g``."""
        text = end_graph(previous) + ("\n" if self.started else "")
        self.started = True
        return text + (f"{self.forms[g]} {{\n" if g >= 0 else "")


def end_graph(g: int) -> str:
    """What ends the last statement of graph ``g`` (``-1`` default, ``NONE`` no statement yet)."""
    return "" if g == NONE else " .\n" + ("}\n" if g >= 0 else "")




def graph_block(spo: np.ndarray, forms: np.ndarray, type_id: int | None, name: str) -> str:
    """One named graph's text, from its opening line to its last object (the caller ends it).

    Parameters
    ----------
    spo : numpy.ndarray
        ``(n, 3)`` subject, predicate, object ids of the graph's statements, canonically sorted.
    forms : numpy.ndarray
        How each term id is written.
    type_id : int or None
        The id of ``rdf:type`` (written ``a``), if present.
    name : str
        How the graph's name is written.

    Returns
    -------
    str
        ``"<name> {\\n"`` and the statements, as the TriG writer lays them out after
        another graph; the writer adds what ends the last statement and the graph.
    """
    if not len(spo):
        return f"{name} {{\n"
    rows = np.empty((len(spo), 4), dtype=np.int64)
    rows[:, 0], rows[:, 1:] = 0, spo
    layout = Layout(forms, type_id, started=True)
    layout.last = [0, -1, -1]  # the graph is open and no subject written yet
    text = layout.lay_out(rows[:_FIRST])
    parts = [f"{name} {{\n", text[len(" .\n\n"):]]  # the first subject's lead is only its indent
    for start in range(_FIRST, len(rows), _FIRST):
        parts.append(layout.lay_out(rows[start : start + _FIRST]))
    return "".join(parts)


#: Rows laid out at a time in :func:`graph_block` (a document's graph is a few thousand).
_FIRST = 65_536
