from __future__ import annotations

from dbops.cli.app import main

main()
