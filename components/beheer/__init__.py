"""Beheer: the admin, edit and upload panels of the Beheer page.

It imports the shell, data_access and domain only: no figures, no views."""
