"""What a server runs: `streamlit run serve.py`. The app itself (app.py) with the two small routes
that set and clear the local sign-in cookie (components/shell/sessions.py)."""

import streamlit as st

from components.shell.sessions import ROUTES

app = st.App("app.py", routes=ROUTES)
