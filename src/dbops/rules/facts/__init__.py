"""Facts about typed statements that several rules ask for, computed in one place."""
