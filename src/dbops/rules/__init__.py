"""The review rules: one rule per module, all listed in `registry.RULES`."""
