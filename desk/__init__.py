"""Beat Desk: the domain. No Qt, no platform SDKs."""
