"""Storage: engine and transactions, models, migrations, backup."""
