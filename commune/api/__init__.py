"""The read-only public REST API under /api/v1/, with its OpenAPI 3 schema."""
