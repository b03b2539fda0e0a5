"""helpdesk: the core (domain, storage, services, CLI). Never imports textual."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version the installed distribution says (a wheel upgraded to 0.1.1 says 0.1.1).
    if name == "__version__":
        # read only when asked: importlib.metadata costs start-up time every command would pay
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("helpdesk")
        except PackageNotFoundError:  # run from a checkout that was never installed
            return "0+unknown"
    raise AttributeError(name)
