"""Infrastructure as code, and the one resource definition that the local stack shares."""
