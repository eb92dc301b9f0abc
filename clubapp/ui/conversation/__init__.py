"""Picture conversations, on the screen: starting one (start.py), the full-screen cards
(sorting.py, faces.py) and the summary that saves them as notes (summary.py), held
together by one page (page.py) around a plain record of what was sorted (state.py)."""
