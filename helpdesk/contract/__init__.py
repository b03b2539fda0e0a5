"""The contract (合同履约): ledger, acceptance, contract records, bulletin, stored month figures."""

# No other area imports this one; its screens and the CLI do (tests/test_layers.py).
EXPORTS: tuple[str, ...] = ()
