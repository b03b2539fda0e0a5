"""Pure logic of the 5×8 duty roster: shift slots from office hours, fair generation, coverage."""
