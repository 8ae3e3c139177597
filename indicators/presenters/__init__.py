"""Presenters: an evaluation shaped for one output (JSON, a text table, chart data); no query, no rule."""
