"""layout.plain_table's HTML: headers with their scope, escaped values, a focusable named region."""

import pandas as pd

from components.shell.html_table import table_html


def test_first_column_is_row_headers_and_columns_are_column_headers():
    html = table_html(pd.DataFrame({"Programma": ["A"], "Doel": ["4.500"]}), "Doelen")
    assert '<th scope="col">Programma</th><th scope="col">Doel</th>' in html
    assert '<tr><th scope="row">A</th><td>4.500</td></tr>' in html


def test_scroll_box_is_reachable_by_keyboard_and_named():
    html = table_html(pd.DataFrame({"a": [1]}), 'Tabel "x"')
    assert html.startswith('<div class="sm-tabel" role="region" tabindex="0" ')
    assert 'aria-label="Tabel &quot;x&quot;"' in html


def test_values_and_headers_are_escaped_and_missing_values_are_empty():
    html = table_html(pd.DataFrame({"<b>": ["<script>x</script>"], "n": [float("nan")]}), "t")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert "<td></td>" in html
