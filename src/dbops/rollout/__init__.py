"""The rollout core (DESIGN §5): releases, plans, gates and summaries as data. Pure: no database,
no file, no clock and no environment access; the command layer passes those in."""
