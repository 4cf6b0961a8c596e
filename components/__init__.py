"""What the pages draw with, in four packages by role; every import points down (tests/test_layers.py):

views (one page's sections) and beheer (the admin panels) → drawing (figures and maps) → shell
(what every page shares) → data_access and domain."""
