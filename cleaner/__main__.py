"""``python -m cleaner``: the same as the ``article-cleaner`` command."""

import sys

from .cli import main

sys.exit(main())
