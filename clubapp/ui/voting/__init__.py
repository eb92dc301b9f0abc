"""The full-screen voting screens (DESIGN §2: large buttons, one question per screen)."""
