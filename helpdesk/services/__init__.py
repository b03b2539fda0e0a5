"""Service functions: every mutation owns its transaction and writes its audit record in it."""
