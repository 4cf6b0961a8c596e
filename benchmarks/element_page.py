"""The bare page plus N elements of one kind (query ?soort=...&n=...), to price what a page draws.

Served by benchmarks.element_costs. Every variant has the bare page's title and one Plotly chart,
so a variant's extra draw time is what its elements cost the browser.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Elementen", layout="wide")
st.title("Elementen")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))

kind = st.query_params.get("soort", "")
n = int(st.query_params.get("n", "1"))
table = pd.DataFrame({"maand": [f"m{i}" for i in range(20)], "aantal": range(20)})
URL = "http://127.0.0.1/briefing?gemeente=GM0546&jaar=2026"

for i in range(n):
    if kind == "plotly":
        st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, i])), key=f"p{i}")
    elif kind == "deck":
        import pydeck as pdk

        layer = pdk.Layer(
            "ScatterplotLayer", [{"lon": 4.5, "lat": 52.2}], get_position=["lon", "lat"]
        )
        st.pydeck_chart(pdk.Deck(layers=[layer]), height=400, key=f"d{i}")
    elif kind == "dataframe":
        st.dataframe(table, hide_index=True, key=f"f{i}")
    elif kind == "table":
        st.table(table.set_index("maand"))
    elif kind == "expander_dataframe":
        with st.expander("Tabel"):
            st.dataframe(table, hide_index=True, key=f"e{i}")
    elif kind == "code":
        st.code(URL, language=None)
    elif kind == "popover_code":
        with st.popover("Link", key=f"l{i}"):
            st.code(URL, language=None)
    elif kind == "download":
        st.download_button(
            "csv", data=lambda: b"x", file_name="x.csv", key=f"b{i}", on_click="ignore"
        )
    elif kind == "svg":
        st.image('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="30">'
                 '<rect x="1" y="6" width="16" height="16" fill="#0072B2"/></svg>')  # fmt: skip
