"""What a server runs: `streamlit run serve.py`. The app itself (app.py) with the two small routes
that set and clear the local sign-in cookie (components/shell/sessions.py)."""

import os

import streamlit as st

from components.shell.sessions import ROUTES, ROUTES_FLAG

os.environ[ROUTES_FLAG] = "1"  # the app sends a sign-in through these routes only when they exist
app = st.App("app.py", routes=ROUTES)
