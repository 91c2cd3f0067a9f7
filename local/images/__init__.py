"""Labelled test photos for the image inspector (``stories eval-images``), labelled by how they are made."""
