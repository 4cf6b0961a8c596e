"""What a server runs: `streamlit run serve.py`. The app itself (app.py) with the two small routes
that set and clear the local sign-in cookie (components/sessions.py)."""

import streamlit as st

from components.sessions import ROUTES

app = st.App("app.py", routes=ROUTES)
