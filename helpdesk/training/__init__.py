"""Pure logic of the training service: the curriculum, evaluation statistics and the
twice-a-year obligation. No database, no UI."""
