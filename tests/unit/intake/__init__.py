"""Unit tests for intake: raw emails and forms into Submissions, sender authentication, image safety."""
