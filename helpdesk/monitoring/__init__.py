"""Monitoring the district's use of the system: the terminal inventory and the
province's operation log."""
