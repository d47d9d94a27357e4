"""kg: historical knowledge graphs from letters, minutes and chapters.

The stages, each a function over plain typed values (:mod:`kg.model`)::

    read_source -> ingest -> extract -> resolve -> to_dataset -> to_networkx -> render_html

:func:`kg.pipeline.build` runs them all; ``kg build`` is its command line.
"""

__version__ = "0.1.0"
