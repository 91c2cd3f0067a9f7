"""Intake: the untrusted edge where raw emails and web-form posts become typed, safe Submissions.

Everything here is pure (bytes in, domain values out) so it can be tested exhaustively without AWS.
"""
