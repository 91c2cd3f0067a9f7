"""The organisation's publishing policy: its rules file and the check catalogue over story text."""
