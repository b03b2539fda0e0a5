"""helpdesk: the core (domain, storage, services, CLI). Never imports textual."""

__version__ = "0.1.0"
