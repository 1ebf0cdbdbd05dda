"""The events module's rules: pure functions over plain values (no ORM, no clock)."""
