"""The crash harness: a writer process doing real user actions, killed again and again."""
