"""The command layer: each command as a function that wires adapters to the pure core and returns
data. The CLI renders what these return; other programs may call them directly."""
