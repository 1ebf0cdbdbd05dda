"""The enterprise module's pure rules, one module per topic (no ORM, no clock)."""
