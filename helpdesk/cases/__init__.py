"""Petition cases (信访件): pure logic for IDs, statutory deadlines and assessment rates."""
