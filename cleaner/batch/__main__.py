"""``python -m cleaner.batch ARGS``: the same as ``article-cleaner batch ARGS``."""

import sys

from ..cli import main

sys.exit(main(["batch", *sys.argv[1:]]))
