"""Views: the sections of one page each (Overzicht, the member listing, Kaart, Trajecten, Doelen,
Gemeente with its context, the Briefing), built from data and drawn with drawing.

It imports drawing, the shell, data_access, domain and reports; never beheer or pages."""
