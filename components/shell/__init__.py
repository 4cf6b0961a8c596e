"""The shell every page shares: cached data, filters and scope, sign-in and sessions, the guard,
language, style, layout, the HTML table and the year's suppression decision.

It imports data_access and domain only, never drawing, views or beheer."""
