"""The desktop's side of sync: sign-in, the first sync, the status area, notifications."""
