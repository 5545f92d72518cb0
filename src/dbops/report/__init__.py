"""Report renderers: a ReviewResult to text in each output format. Pure functions."""
