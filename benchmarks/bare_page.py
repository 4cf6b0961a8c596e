"""The floor for the browser budget: a bare Streamlit page with a title and one Plotly chart.

Served and timed exactly like the app's pages (benchmarks.browser); its draw time is what
Streamlit's own front end costs on this machine.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Kale pagina", layout="wide")
st.title("Kale pagina")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
