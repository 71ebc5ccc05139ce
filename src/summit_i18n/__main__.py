"""Run the command-line interface with ``python -m summit_i18n``."""

from summit_i18n.cli import main

main()
