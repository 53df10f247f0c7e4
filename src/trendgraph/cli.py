"""The ``trendgraph`` command line."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trendgraph")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check some data files: SHACL and quote grounding")
    p.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "check":
        from .check import check_files

        return check_files(args.files)
    return 2


if __name__ == "__main__":
    sys.exit(main())
