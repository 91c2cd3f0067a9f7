"""Pure domain model: stories, versions, findings, states and errors. No I/O lives here."""
