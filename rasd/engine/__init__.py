"""The event engine: triggers to frames, roles, places, casualties, and coded events."""
