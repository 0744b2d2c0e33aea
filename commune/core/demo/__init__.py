"""The demo city: Nantes, its 11 neighbourhoods, councils, processes and demo accounts.

`commune loaddemo` loads it into an empty database; `commune demo` migrates, loads it
and serves it on 127.0.0.1. The texts are in French, the city's language: they are data,
not interface strings. Dates are relative to the day of loading, so there is always a
current phase. The population figures are plausible demo figures, not census data.

Demo logins (every account uses the password ``demo-commune-2026``):

==============  ==============================  ===================================
Role            E-mail                          Who
==============  ==============================  ===================================
Resident        habitante@demo.commune.fr       Awa, lives in Nantes Nord
Moderator       moderatrice@demo.commune.fr     Claire, moderates contributions
City agent      agent@demo.commune.fr           Karim, Direction de la participation
Elected         elu@demo.commune.fr             Jean-Marc, deputy for participation
Administrator   admin@demo.commune.fr           every right in the back office
==============  ==============================  ===================================

Four more residents (``habitant.bellevue@``, ``habitante.malakoff@``, ``habitant.ile@``
and ``habitante.sud@demo.commune.fr``, same password) have consented demographics.
"""

from commune.core.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, logins_table
from commune.core.demo.loader import DemoAlreadyLoadedError, load_demo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAlreadyLoadedError", "load_demo", "logins_table"]
