"""Published documents (dossiers, studies, minutes) with their extracted, searchable text."""
