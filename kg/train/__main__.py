"""``python -m kg.train``: see :mod:`kg.train.run`."""

import sys

from kg.train.run import main

sys.exit(main())
