"""The open-data catalogue: datasets as CSV, JSON and Parquet, their schemas, the DCAT catalogue."""
