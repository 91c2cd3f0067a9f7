"""Services: orchestration of one pipeline stage over the ports; no SDKs here."""
