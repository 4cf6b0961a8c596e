"""Drawing: Plotly figures, deck.gl maps, gauges, alt text, chart export and the context lines.

It imports the shell and domain only. A new kind of figure goes here; what a page shows with it
goes in views."""
