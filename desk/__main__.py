"""``python -m desk``: the same entry as the ``desk`` console script."""

from desk.cli import main

raise SystemExit(main())
