"""The Textual console. Talks to helpdesk services from thread workers only."""
