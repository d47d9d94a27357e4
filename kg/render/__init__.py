"""The render stage: the graph as one self-contained interactive HTML page.

:func:`render_html` is the stage's entry function; :func:`write_html` writes its
page atomically and :func:`ego_graph` cuts out an entity's neighbourhood for
``kg show ENTITY --hops N``.
"""

from kg.render.html import render_html, write_html
from kg.render.subgraph import ego_graph, find_node, top_subgraph

__all__ = ["ego_graph", "find_node", "render_html", "top_subgraph", "write_html"]
