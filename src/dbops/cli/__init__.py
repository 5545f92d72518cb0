"""The thin typer command line: parse options, call the command layer, map errors to exit codes."""
